package org.statefed.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smack.xml.XmlPullParser;

/**
 * When a statefed site sent an item: the {@code sf:published} attribute statefed adds to its own {@code <state/>}
 * and {@code <mailbox/>} payloads ({@code xmlns:sf='urn:xmpp:statefed:0'}), a XEP-0082 UTC date-time with
 * milliseconds, e.g. {@code 2026-11-30T10:49:18.123Z}. Asterisk neither writes nor reads it (iksemel looks its
 * attributes up by name), so its items have none. The value comes from another machine: an unreadable one
 * never rejects the item, it only makes the time {@link Kind#UNREADABLE}; whether a readable one is plausible
 * is the receiver's judgement against its own clock.
 *
 * @param kind absent, readable or unreadable
 * @param instant the time, only when {@link Kind#PRESENT}
 * @param problem what is wrong with the value, log-safe, only when {@link Kind#UNREADABLE}
 */
public record PublishTime(Kind kind, Optional<Instant> instant, Optional<String> problem) {
    /** statefed's namespace, the one of its presence and refresh elements. */
    public static final String NAMESPACE = RefreshRequestElement.NAMESPACE;
    /** The prefix statefed writes; a server may rewrite it (prosody does), only the namespace counts. */
    public static final String PREFIX = "sf";
    public static final String ATTRIBUTE = "published";
    /** No item carries this: Asterisk's, and statefed's before it was added. */
    public static final PublishTime ABSENT = new PublishTime(Kind.ABSENT, Optional.empty(), Optional.empty());

    /** Longest value read at all; a XEP-0082 time with nanoseconds has 30 characters. */
    private static final int MAX_CHARS = 40;
    /** XEP-0082 DateTime in UTC only: the sender writes 'Z', so an offset is somebody else's value. */
    private static final Pattern UTC_DATE_TIME =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");

    private static final DateTimeFormatter WIRE_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Whether the item carried a time, and whether it could be read. */
    public enum Kind { ABSENT, PRESENT, UNREADABLE }

    public PublishTime {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(problem, "problem");
        if (instant.isPresent() != (kind == Kind.PRESENT) || problem.isPresent() != (kind == Kind.UNREADABLE)) {
            throw new IllegalArgumentException("a " + kind + " publish time with instant " + instant
                    + " and problem " + problem);
        }
    }

    /** A time to send, cut to milliseconds (what the wire carries). */
    public static PublishTime at(Instant instant) {
        return new PublishTime(Kind.PRESENT, Optional.of(instant.truncatedTo(ChronoUnit.MILLIS)), Optional.empty());
    }

    /** Reads the value as received; never throws. */
    public static PublishTime parse(String value) {
        if (value == null) {
            return ABSENT;
        }
        if (value.length() > MAX_CHARS) {
            return unreadable("has " + value.length() + " characters, more than " + MAX_CHARS);
        }
        if (!UTC_DATE_TIME.matcher(value).matches()) {
            return unreadable(LogSafe.quote(value) + " is not a UTC date-time like 2026-11-30T10:49:18.123Z");
        }
        try {
            return new PublishTime(Kind.PRESENT, Optional.of(utc(value)), Optional.empty());
        } catch (DateTimeException e) {
            return unreadable(LogSafe.quote(value) + " is no real date-time");
        }
    }

    /**
     * The instant of a value of {@link #UTC_DATE_TIME}'s shape, its fields read by position: every received
     * item carries one, and {@code Instant.parse} (a general formatter) cost a fifth of the JVM's samples in a
     * 30-site storm. Throws {@link DateTimeException} for a field out of range (month 13, February 30).
     */
    private static Instant utc(String v) {
        int nanos = 0;
        if (v.charAt(19) == '.') {
            int digits = v.length() - 21;
            nanos = Integer.parseInt(v, 20, 20 + digits, 10);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int hour = number(v, 11);
        int minute = number(v, 14);
        int second = number(v, 17);
        // As Instant.parse reads them: a leap second is the minute's last second, 24:00:00 the next midnight.
        boolean endOfDay = hour == 24 && minute == 0 && second == 0 && nanos == 0;
        LocalDateTime at = LocalDateTime.of(Integer.parseInt(v, 0, 4, 10), number(v, 5), number(v, 8),
                endOfDay ? 0 : hour, minute, second == 60 ? 59 : second, nanos);
        return (endOfDay ? at.plusDays(1) : at).toInstant(ZoneOffset.UTC);
    }

    private static int number(String v, int at) {
        return (v.charAt(at) - '0') * 10 + v.charAt(at + 1) - '0';
    }

    /** The {@code sf:published} attribute of the start tag the parser is on, whatever prefix it has. */
    static PublishTime read(XmlPullParser parser) {
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            if (NAMESPACE.equals(parser.getAttributeNamespace(i)) && ATTRIBUTE.equals(parser.getAttributeName(i))) {
                return parse(parser.getAttributeValue(i));
            }
        }
        return ABSENT;
    }

    /** Adds {@code xmlns:sf='urn:xmpp:statefed:0' sf:published='…'} to a start tag being written, if PRESENT. */
    void writeTo(XmlStringBuilder xml) {
        if (kind == Kind.PRESENT) {
            xml.attribute("xmlns:" + PREFIX, NAMESPACE);
            xml.attribute(PREFIX + ":" + ATTRIBUTE, wireValue());
        }
    }

    /** The attribute value to write, e.g. {@code 2026-11-30T10:49:18.123Z}; only for a PRESENT time. */
    String wireValue() {
        // Instant.toString drops a zero fraction; the wire always has milliseconds, so every value has one length.
        Instant at = instant.orElseThrow(() -> new IllegalStateException("no time to write: " + this));
        LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return WIRE_FORMAT.format(at);
        }
        // By hand, as parse reads it: the formatter cost as much as the rest of a publish's stamping.
        StringBuilder b = new StringBuilder(24);
        digits(b, t.getYear(), 4).append('-');
        digits(b, t.getMonthValue(), 2).append('-');
        digits(b, t.getDayOfMonth(), 2).append('T');
        digits(b, t.getHour(), 2).append(':');
        digits(b, t.getMinute(), 2).append(':');
        digits(b, t.getSecond(), 2).append('.');
        return digits(b, t.getNano() / 1_000_000, 3).append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    private static PublishTime unreadable(String problem) {
        return new PublishTime(Kind.UNREADABLE, Optional.empty(), Optional.of("published " + problem));
    }
}
