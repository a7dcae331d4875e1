package org.statefed.sip.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;
import org.statefed.state.UnknownDeviceStateException;

/**
 * Turns the bytes of one PUBLISH body into exactly one {@link DecodedBody}; never throws, so it is safe to
 * call on any thread.
 *
 * <p>Strict where Asterisk is lax: the body must be valid UTF-8 and one JSON object (no trailing data, no
 * duplicate key), every field of its type present with its JSON type, the state a known token (Asterisk
 * would turn an unknown one into UNKNOWN), cachable 0 or 1, counts in range, the eid well formed, names
 * usable as table keys. Unknown extra keys are ignored, as Asterisk ignores them, so a newer Asterisk that
 * adds one still interoperates.
 */
public final class BodyDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(BodyDecoder.class);
    /**
     * The largest body accepted. Asterisk's longest is a mailboxstate with a 256-character uniqueid, far
     * below this even with every character escaped; a larger one is not from Asterisk.
     */
    public static final int MAX_BODY_BYTES = 4096;

    /** Thread-safe once configured; built once per decoder class, configuration never changes. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private BodyDecoder() {
    }

    /** Decodes the body of a PUBLISH of {@code eventPackage}; null or any bytes at all give a result. */
    public static DecodedBody decode(EventPackage eventPackage, byte[] body) {
        try {
            return decodeOrThrow(eventPackage, body);
        } catch (Rejection rejection) {
            return new RejectedBody(rejection.reason, rejection.getMessage());
        } catch (RuntimeException e) {
            // A bug here must not kill the SIP stack's thread: logged with its stack trace (unexpected),
            // then rejected like any other bad body.
            LOG.warn("Unexpected failure while decoding a {}-byte {} body; it is rejected",
                    body == null ? 0 : body.length, eventPackage.eventName(), e);
            return new RejectedBody(BodyRejectReason.INTERNAL_ERROR, e.getClass().getSimpleName());
        }
    }

    private static PublicationBody decodeOrThrow(EventPackage eventPackage, byte[] body) throws Rejection {
        if (body == null || body.length == 0) {
            throw new Rejection(BodyRejectReason.EMPTY_BODY, "the body is empty");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new Rejection(BodyRejectReason.OVERSIZED_BODY,
                    "the body has " + body.length + " bytes, more than " + MAX_BODY_BYTES);
        }
        JsonNode root = parse(utf8(body));
        if (!root.isObject()) {
            throw new Rejection(BodyRejectReason.NOT_AN_OBJECT, "the body is a JSON " + root.getNodeType());
        }
        String type = text(root, "type");
        EntityId eid = eid(root);
        if (type.equals("refresh")) {
            return new RefreshBody(eid);
        }
        if (!type.equals(eventPackage.bodyType())) {
            if (type.equals("devicestate") || type.equals("mailboxstate")) {
                throw new Rejection(BodyRejectReason.WRONG_PACKAGE,
                        "type " + type + " in a PUBLISH of Event " + eventPackage.eventName());
            }
            throw new Rejection(BodyRejectReason.UNKNOWN_TYPE, "type has " + type.length() + " characters and is "
                    + "none of devicestate, mailboxstate, refresh");
        }
        return switch (eventPackage) {
            case DEVICE_STATE -> deviceState(root, eid);
            case MWI -> mailboxState(root, eid);
        };
    }

    private static DeviceStateBody deviceState(JsonNode root, EntityId eid) throws Rejection {
        String device = text(root, "device");
        check(Names.problem("device", device));
        String token = text(root, "state");
        DeviceState state;
        try {
            state = DeviceState.parse(token);
        } catch (UnknownDeviceStateException e) {
            throw new Rejection(BodyRejectReason.UNKNOWN_STATE, "state (" + token.length()
                    + " characters) is not an Asterisk device state token");
        }
        long cachable = integer(root, "cachable");
        if (cachable != 0 && cachable != 1) {
            throw new Rejection(BodyRejectReason.BAD_CACHABLE, "cachable is " + cachable + ", not 0 or 1");
        }
        return new DeviceStateBody(device, state, cachable == 1, eid);
    }

    private static MailboxStateBody mailboxState(JsonNode root, EntityId eid) throws Rejection {
        String uniqueId = text(root, "uniqueid");
        check(Names.uniqueIdProblem(uniqueId));
        long oldMessages = integer(root, "old");
        long newMessages = integer(root, "new");
        for (long n : new long[] {oldMessages, newMessages}) {
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new Rejection(BodyRejectReason.BAD_COUNT, "a message count is " + n);
            }
        }
        return new MailboxStateBody(uniqueId, new MwiCounts((int) newMessages, (int) oldMessages), eid);
    }

    private static String utf8(byte[] body) throws Rejection {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(BodyRejectReason.INVALID_UTF8, "the body is not valid UTF-8");
        }
    }

    private static JsonNode parse(String text) throws Rejection {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new Rejection(BodyRejectReason.BAD_JSON, "the body holds no JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the untrusted text; only its position goes into the detail.
            throw new Rejection(BodyRejectReason.BAD_JSON, "not well-formed JSON"
                    + (e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset()));
        }
    }

    private static JsonNode field(JsonNode root, String name) throws Rejection {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            throw new Rejection(BodyRejectReason.MISSING_FIELD, "field " + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode root, String name) throws Rejection {
        JsonNode value = field(root, name);
        if (!value.isTextual()) {
            throw new Rejection(BodyRejectReason.WRONG_FIELD_TYPE, "field " + name + " is a JSON "
                    + value.getNodeType() + ", not a string");
        }
        return value.textValue();
    }

    private static long integer(JsonNode root, String name) throws Rejection {
        JsonNode value = field(root, name);
        if (!value.isIntegralNumber()) {
            throw new Rejection(BodyRejectReason.WRONG_FIELD_TYPE, "field " + name + " is a JSON "
                    + value.getNodeType() + (value.isNumber() ? " with a fraction" : "") + ", not an integer");
        }
        if (!value.canConvertToLong()) {
            throw new Rejection(name.equals("cachable") ? BodyRejectReason.BAD_CACHABLE : BodyRejectReason.BAD_COUNT,
                    "field " + name + " is an integer beyond 64 bits");
        }
        return value.longValue();
    }

    private static EntityId eid(JsonNode root) throws Rejection {
        String text = text(root, "eid");
        String problem = EntityId.problemWith(text);
        if (problem != null) {
            throw new Rejection(BodyRejectReason.BAD_EID, "eid: " + problem);
        }
        return EntityId.parse(text);
    }

    private static void check(Names.Problem problem) throws Rejection {
        if (problem != null) {
            throw new Rejection(problem.reason(), problem.detail());
        }
    }

    /** Expected outcome of reading untrusted bytes, not a fault: no stack trace. */
    private static final class Rejection extends Exception {
        private final BodyRejectReason reason;

        Rejection(BodyRejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
