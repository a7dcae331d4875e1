package org.statefed.web;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.statefed.admin.DeviceChange;
import org.statefed.admin.InvalidChangeException;
import org.statefed.admin.MailboxChange;

/**
 * Turns the body of {@code POST /api/devices} and {@code POST /api/mailboxes} into a change, with the admin
 * commands' checks ({@link DeviceChange#parse}, {@link MailboxChange#parse}) and their messages; a refusal names
 * the field. Unknown fields are refused too: a typo ({@code "stat"}) must not pass as a request without it.
 */
final class ChangeRequests {
    /** Far above any real change (a device name is at most 256 characters), far below what costs memory. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /** Read-only after construction (thread-safe); its constraints stop a hostile body early. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(8).maxStringLength(MAX_BODY_BYTES).maxNumberLength(20).build())
                    .build())
            .build();

    private ChangeRequests() {
    }

    /** {@code {"device": "SIP/100", "state": "INUSE"}}. */
    static DeviceChange device(byte[] body) throws ApiException {
        ObjectNode json = object(body, Set.of("device", "state"));
        try {
            return DeviceChange.parse(text(json, "device"), text(json, "state"));
        } catch (InvalidChangeException e) {
            throw new ApiException(400, e.field(), e.getMessage());
        }
    }

    /** {@code {"mailbox": "1000@default", "new": 2, "old": 5}}. */
    static MailboxChange mailbox(byte[] body) throws ApiException {
        ObjectNode json = object(body, Set.of("mailbox", "new", "old"));
        try {
            return MailboxChange.parse(text(json, "mailbox"), count(json, "new"), count(json, "old"));
        } catch (InvalidChangeException e) {
            throw new ApiException(400, e.field(), e.getMessage());
        }
    }

    private static ObjectNode object(byte[] body, Set<String> fields) throws ApiException {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int where = reason.indexOf(" (start marker");
            throw new ApiException(400, "the body is not valid JSON: " + (where > 0 ? reason.substring(0, where) : reason)
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new ApiException(400, "the body could not be read as JSON");
        }
        if (json == null || json.isMissingNode() || !json.isObject()) {
            throw new ApiException(400, "the body must be a JSON object with the fields " + String.join(", ",
                    fields.stream().sorted().toList()));
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new ApiException(400, name.length() > 64 ? null : name, "unknown field; the fields are "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
        return (ObjectNode) json;
    }

    /** A string field; null when missing (the admin checks say so). */
    private static String text(ObjectNode json, String field) throws ApiException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException(400, field, "must be a string");
        }
        return value.textValue();
    }

    /** A count as the admin command reads it: a number written in the JSON, or a string of digits. */
    private static String count(ObjectNode json, String field) throws ApiException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() || value.isTextual()) {
            return value.asText();
        }
        throw new ApiException(400, field, "must be a whole number from 0");
    }
}
