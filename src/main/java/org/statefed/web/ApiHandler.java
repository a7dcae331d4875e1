package org.statefed.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.admin.DeviceChange;
import org.statefed.admin.MailboxChange;
import org.statefed.state.DeviceSnapshot;
import org.statefed.link.RateLimitedLog;

/**
 * Routes every request: the board's files (no token: they hold no data), then, behind the token, the JSON API,
 * the event stream and {@code /metrics}. Writes are logged at INFO with the client's address (the audit
 * trail); refusals are answered as JSON naming the field, and logged rate-limited.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The board's scripts and styles come from this node only; nothing is inlined or fetched elsewhere. */
    private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    private final WebNode node;
    private final AccessCheck access;
    private final EventFeed feed;
    private final NodeMetrics metrics;
    private final StaticFiles files;
    private final long maxQueuedBytes;
    private final RateLimitedLog refusals;

    ApiHandler(WebNode node, AccessCheck access, EventFeed feed, NodeMetrics metrics, StaticFiles files,
            long maxQueuedBytes, Clock clock) {
        this.node = node;
        this.access = access;
        this.feed = feed;
        this.metrics = metrics;
        this.files = files;
        this.maxQueuedBytes = maxQueuedBytes;
        this.refusals = new RateLimitedLog(LOG, clock, Duration.ofSeconds(10));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String client = Request.getRemoteAddr(request);
        try {
            Optional<StaticFiles.File> file = files.at(path);
            if (file.isPresent()) {
                allow(method, Set.of("GET"));
                response.getHeaders().put("Content-Security-Policy", CSP);
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                send(response, callback, 200, file.get().contentType(), file.get().content());
                return true;
            }
            Fields query = Request.extractQueryParameters(request);
            access.check(request, query);
            switch (path) {
                case "/api/devices" -> {
                    if (allow(method, Set.of("GET", "POST")).equals("POST")) {
                        changeDevice(request, response, callback, client);
                    } else {
                        devices(response, callback, Optional.ofNullable(query.getValue("name")));
                    }
                }
                case "/api/hints" -> {
                    allow(method, Set.of("GET"));
                    ArrayNode hints = JSON.arrayNode();
                    node.hints().snapshot().forEach(h -> hints.add(JsonShapes.hint(h)));
                    json(response, callback, 200, JSON.objectNode().set("hints", hints));
                }
                case "/api/mailboxes" -> {
                    if (allow(method, Set.of("GET", "POST")).equals("POST")) {
                        updateMailbox(request, response, callback, client);
                    } else {
                        JsonShapes shapes = JsonShapes.of(node);
                        ArrayNode mailboxes = JSON.arrayNode();
                        node.mailboxes().snapshot().forEach(m -> mailboxes.add(shapes.mailbox(m)));
                        json(response, callback, 200, JSON.objectNode().set("mailboxes", mailboxes));
                    }
                }
                case "/api/sites" -> {
                    allow(method, Set.of("GET"));
                    json(response, callback, 200, JsonShapes.of(node).sites(node, node.devices().snapshot()));
                }
                case "/api/counters" -> {
                    allow(method, Set.of("GET"));
                    json(response, callback, 200, JsonShapes.counters(node.counters()));
                }
                case "/api/events" -> {
                    allow(method, Set.of("GET"));
                    events(request, response, callback, query, client);
                }
                case "/metrics" -> {
                    allow(method, Set.of("GET"));
                    send(response, callback, 200, PROMETHEUS_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
                }
                default -> throw new ApiException(404, "no such resource; see docs/http.md for the API");
            }
        } catch (ApiException e) {
            if (e.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            }
            if (e.status() != 404) {
                refusals.info("refused-" + e.status(), "http {}: {} {} refused with {}: {}", client, method, path,
                        e.status(), e.getMessage());
            }
            error(response, callback, e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The node refused a change the checks let through (it is stopping, or a rule of its own).
            LOG.info("http {}: {} {} refused by the node: {}", client, method, path, e.getMessage());
            error(response, callback, new ApiException(409, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("http {}: {} {} failed", client, method, path, e);
            error(response, callback, new ApiException(500, "internal error; see the node's log"));
        }
        return true;
    }

    private void devices(Response response, Callback callback, Optional<String> name) throws ApiException {
        JsonShapes shapes = JsonShapes.of(node);
        if (name.isPresent()) {
            Optional<DeviceSnapshot> device = node.devices().snapshot(name.get());
            if (device.isEmpty()) {
                throw new ApiException(404, "name", "no site reports this device");
            }
            json(response, callback, 200, shapes.device(device.get()));
            return;
        }
        ArrayNode devices = JSON.arrayNode();
        node.devices().snapshot().forEach(d -> devices.add(shapes.device(d)));
        json(response, callback, 200, JSON.objectNode().set("devices", devices));
    }

    private void changeDevice(Request request, Response response, Callback callback, String client)
            throws ApiException {
        DeviceChange change = ChangeRequests.device(body(request));
        node.changeDeviceState(change.device(), change.state());
        LOG.info("http {}: devstate change {} {}", client, change.device(), change.state().token());
        ObjectNode out = JSON.objectNode();
        out.put("device", change.device());
        out.put("state", change.state().token());
        out.put("aggregate", node.devices().aggregate(change.device()).token());
        json(response, callback, 200, out);
    }

    private void updateMailbox(Request request, Response response, Callback callback, String client)
            throws ApiException {
        MailboxChange change = ChangeRequests.mailbox(body(request));
        node.updateMailbox(change.mailbox(), change.counts());
        LOG.info("http {}: mwi update {} {} {}", client, change.mailbox(), change.counts().newMessages(),
                change.counts().oldMessages());
        ObjectNode out = JSON.objectNode();
        out.put("mailbox", change.mailbox());
        out.put("new", change.counts().newMessages());
        out.put("old", change.counts().oldMessages());
        json(response, callback, 200, out);
    }

    private void events(Request request, Response response, Callback callback, Fields query, String client) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        // Tells nginx not to buffer the stream.
        response.getHeaders().put("X-Accel-Buffering", "no");
        Optional<String> lastEventId = Optional.ofNullable(request.getHeaders().get("Last-Event-ID"))
                .or(() -> Optional.ofNullable(query.getValue("lastEventId")));
        SseStream stream = new SseStream(response, callback, maxQueuedBytes, client, feed::ended);
        request.addFailureListener(failure -> stream.end(failure));
        LOG.debug("http {}: event stream opened{}", client, lastEventId.map(id -> " after " + id).orElse(""));
        feed.subscribe(stream, lastEventId);
    }

    /** The body, at most {@link ChangeRequests#MAX_BODY_BYTES}, of a request that says it is JSON. */
    private static byte[] body(Request request) throws ApiException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        // Also what keeps other web pages out: a cross-site form cannot send application/json without a
        // preflight, which this server does not answer.
        if (type == null || !MimeTypes.getContentTypeWithoutCharset(type).trim().equalsIgnoreCase("application/json")) {
            throw new ApiException(415, "Content-Type must be application/json");
        }
        long length = request.getLength();
        if (length > ChangeRequests.MAX_BODY_BYTES) {
            throw new ApiException(413, "the body is larger than " + ChangeRequests.MAX_BODY_BYTES + " bytes");
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(ChangeRequests.MAX_BODY_BYTES + 1);
            if (body.length > ChangeRequests.MAX_BODY_BYTES) {
                throw new ApiException(413, "the body is larger than " + ChangeRequests.MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(400, "the body could not be read: " + e.getMessage());
        }
    }

    /** The method if allowed, else 405 with the Allow header's list. */
    private static String allow(String method, Set<String> allowed) throws ApiException {
        if (!allowed.contains(method)) {
            throw ApiException.methodNotAllowed(method, String.join(", ", allowed.stream().sorted().toList()));
        }
        return method;
    }

    private static void error(Response response, Callback callback, ApiException e) {
        e.allow().ifPresent(methods -> response.getHeaders().put(HttpHeader.ALLOW, methods));
        if (e.status() == 413) {
            // The body is left unread, so the connection cannot carry another request: say so, or a client
            // reuses it and its next request fails ("header parser received no bytes", HttpApiIT once).
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        ObjectNode out = JSON.objectNode();
        out.put("error", e.getMessage());
        e.field().ifPresent(field -> out.put("field", field));
        json(response, callback, e.status(), out);
    }

    private static void json(Response response, Callback callback, int status, ObjectNode body) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        send(response, callback, status, JSON_TYPE, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
