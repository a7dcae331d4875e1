package org.statefed.sip.jain;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import gov.nist.javax.sip.RequestEventExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.SIPETagHeader;
import javax.sip.header.SIPIfMatchHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.DigestCredentials;
import org.statefed.config.SipHostPort;
import org.statefed.config.SipPublicationConfig;
import org.statefed.sip.DigestAuthenticator;
import org.statefed.sip.DigestResponse;
import org.statefed.sip.InboundHandler;
import org.statefed.sip.IncomingPublish;
import org.statefed.sip.OutgoingPublish;
import org.statefed.sip.PublishAnswer;
import org.statefed.sip.PublishResult;
import org.statefed.sip.SipPeerTransport;

/**
 * One JAIN-SIP stack listening on one address (UDP and TCP), shared by the SIP links configured with that
 * {@code bind}. Requests are routed by Request-URI user ({@code inbound_resource}) and source ({@code
 * match}); each link sends its PUBLISHes through it, so they leave from the bound address as Asterisk's do
 * from its transport. Callbacks run on JAIN-SIP's threads and only hand over to the links.
 */
final class JainSipEndpoint implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(JainSipEndpoint.class);
    private static final String USER_AGENT = "statefed";

    private final SipHostPort bind;
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<ClientTransaction, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Route route, CompletableFuture<PublishResult> answer, boolean challenged) {
    }

    private JainSipEndpoint(SipHostPort bind, SipStackImpl stack, SipProvider provider) {
        this.bind = bind;
        this.stack = stack;
        this.provider = provider;
    }

    static JainSipEndpoint open(SipHostPort bind) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "statefed-" + bind);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        // A PUBLISH body is at most a few KiB; this bounds what one TCP peer can make the stack buffer.
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        SipStackImpl stack = null;
        try {
            stack = new SipStackImpl(properties);
            ListeningPoint udp = stack.createListeningPoint(bind.host(), bind.port(), ListeningPoint.UDP);
            ListeningPoint tcp = stack.createListeningPoint(bind.host(), bind.port(), ListeningPoint.TCP);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            JainSipEndpoint endpoint = new JainSipEndpoint(bind, stack, provider);
            provider.addSipListener(endpoint);
            stack.start();
            return endpoint;
        } catch (Exception e) {
            if (stack != null) {
                stack.stop();
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot listen on " + bind + " (UDP and TCP): " + cause.getMessage(), e);
        }
    }

    /** Routes the peer's PUBLISHes to {@code handler}; the returned transport sends the link's own. */
    SipPeerTransport route(SipPublicationConfig config, InboundHandler handler) {
        Route route = new Route(config, handler);
        routes.add(route);
        return route;
    }

    boolean isUnused() {
        return routes.isEmpty();
    }

    void close() {
        pending.values().forEach(p -> p.answer().complete(new PublishResult(503, "Stopped", null, 0)));
        pending.clear();
        stack.stop();
        LOG.debug("SIP listener on {} closed", bind);
    }

    /** One link's place on this listener. */
    private final class Route implements SipPeerTransport {
        final SipPublicationConfig config;
        final InboundHandler handler;

        Route(SipPublicationConfig config, InboundHandler handler) {
            this.config = config;
            this.handler = handler;
        }

        boolean accepts(String ip, int port) {
            return config.match().map(m -> sameAddress(m.host(), ip) && (m.port() == 0 || m.port() == port))
                    .orElse(true);
        }

        @Override
        public CompletableFuture<PublishResult> publish(OutgoingPublish publish) {
            CompletableFuture<PublishResult> answer = new CompletableFuture<>();
            try {
                Request request = request(config, publish);
                ClientTransaction transaction = provider.getNewClientTransaction(request);
                pending.put(transaction, new Pending(this, answer, false));
                transaction.sendRequest();
            } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
                answer.complete(new PublishResult(503, "Cannot send: " + e.getMessage(), null, publish.cseq()));
            }
            return answer;
        }

        @Override
        public void close() {
            routes.remove(this);
        }
    }

    private static boolean sameAddress(String configured, String seen) {
        try {
            return java.net.InetAddress.getByName(configured).equals(java.net.InetAddress.getByName(seen));
        } catch (java.net.UnknownHostException e) {
            return configured.equals(seen);
        }
    }

    private Request request(SipPublicationConfig config, OutgoingPublish publish)
            throws ParseException, javax.sip.InvalidArgumentException {
        SipURI target = (SipURI) addresses.createURI(config.serverUri());
        String transport = target.getTransportParam() == null ? ListeningPoint.UDP
                : target.getTransportParam().toLowerCase(Locale.ROOT);
        Address to = addresses.createAddress(addresses.createURI(config.serverUri()));
        Address from = addresses.createAddress(addresses.createURI(config.fromUri()));
        ViaHeader via = headers.createViaHeader(bind.host(), bind.port(), transport, null);
        via.setRPort();
        Request request = messages.createRequest(target, Request.PUBLISH, headers.createCallIdHeader(publish.callId()),
                headers.createCSeqHeader(publish.cseq(), Request.PUBLISH),
                headers.createFromHeader(from, UUID.randomUUID().toString()), headers.createToHeader(to, null),
                List.of(via), headers.createMaxForwardsHeader(70));
        request.addHeader(headers.createEventHeader(publish.eventPackage().eventName()));
        if (publish.ifMatch() != null) {
            request.addHeader(headers.createSIPIfMatchHeader(publish.ifMatch()));
        }
        request.addHeader(headers.createExpiresHeader(publish.expires()));
        request.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        if (publish.body() != null) {
            request.setContent(publish.body(), headers.createContentTypeHeader("application", "json"));
        }
        return request;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        ServerTransaction transaction = event.getServerTransaction();
        try {
            if (transaction == null) {
                transaction = provider.getNewServerTransaction(request);
            }
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission: the stack answers it from the transaction
        } catch (Exception e) {
            LOG.debug("SIP listener on {}: no transaction for a {}: {}", bind, request.getMethod(), e.toString());
            return;
        }
        ServerTransaction st = transaction;
        if (Request.OPTIONS.equals(request.getMethod())) {
            respond(st, request, PublishAnswer.of(200, "OK"));
            return;
        }
        if (!Request.PUBLISH.equals(request.getMethod())) {
            respond(st, request, PublishAnswer.of(405, "Method Not Allowed"));
            return;
        }
        String user = request.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        RequestEventExt ext = (RequestEventExt) event;
        String ip = ext.getRemoteIpAddress();
        int port = ext.getRemotePort();
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via != null && !ListeningPoint.UDP.equalsIgnoreCase(via.getTransport())) {
            // Over TCP the source port is an ephemeral one; the port a match names is the peer's listening
            // port, which its Via gives (the address is still the connection's own).
            port = via.getPort() > 0 ? via.getPort() : 5060;
        }
        List<Route> named = routes.stream().filter(r -> r.config.inboundResource().equals(user)).toList();
        int matchPort = port;
        Optional<Route> route = named.stream().filter(r -> r.accepts(ip, matchPort)).findFirst();
        if (route.isEmpty()) {
            // As Asterisk: no inbound-publication of that name is 404, one that is not this peer's is 403.
            respond(st, request, named.isEmpty() ? PublishAnswer.of(404, "Not Found") : PublishAnswer.of(403, "Forbidden"));
            return;
        }
        IncomingPublish incoming;
        try {
            incoming = incoming(request, new InetSocketAddress(ip, ext.getRemotePort()));
        } catch (RuntimeException e) {
            LOG.debug("SIP listener on {}: unusable PUBLISH from {}:{}: {}", bind, ip, port, e.toString());
            respond(st, request, PublishAnswer.of(400, "Bad Request"));
            return;
        }
        route.get().handler.onPublish(incoming, answer -> respond(st, request, answer));
    }

    private static IncomingPublish incoming(Request request, InetSocketAddress source) {
        EventHeader event = (EventHeader) request.getHeader(EventHeader.NAME);
        SIPIfMatchHeader ifMatch = (SIPIfMatchHeader) request.getHeader(SIPIfMatchHeader.NAME);
        ExpiresHeader expires = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] body = request.getRawContent();
        AuthorizationHeader auth = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        return new IncomingPublish(event == null ? null : event.getEventType(),
                ifMatch == null ? null : ifMatch.getETag(),
                expires == null ? -1 : expires.getExpires(),
                type == null ? null : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT),
                body == null ? new byte[0] : body, source, Optional.ofNullable(auth).map(JainSipEndpoint::digest));
    }

    private static DigestResponse digest(AuthorizationHeader a) {
        String uri = unquote(a.getParameter("uri"));
        if (uri == null && a.getURI() != null) {
            uri = a.getURI().toString();
        }
        return new DigestResponse(a.getUsername(), a.getRealm(), a.getNonce(), uri, a.getResponse(),
                a.getAlgorithm(), a.getCNonce(), a.getQop(), unquote(a.getParameter("nc")), a.getOpaque());
    }

    private static String unquote(String s) {
        return s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private void respond(ServerTransaction transaction, Request request, PublishAnswer answer) {
        try {
            Response response = messages.createResponse(answer.status(), request);
            response.setReasonPhrase(answer.reason());
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(UUID.randomUUID().toString());
            }
            if (answer.etag() != null) {
                response.addHeader(headers.createSIPETagHeader(answer.etag()));
            }
            if (answer.expires() >= 0) {
                response.addHeader(headers.createExpiresHeader(answer.expires()));
            }
            if (answer.challenge().isPresent()) {
                WWWAuthenticateHeader challenge = headers.createWWWAuthenticateHeader("Digest");
                challenge.setRealm(answer.challenge().get().realm());
                challenge.setNonce(answer.challenge().get().nonce());
                challenge.setOpaque(answer.challenge().get().opaque());
                challenge.setAlgorithm("MD5");
                challenge.setQop("auth");
                response.addHeader(challenge);
            }
            response.addHeader(headers.createServerHeader(List.of(USER_AGENT)));
            transaction.sendResponse(response);
        } catch (Exception e) {
            LOG.debug("SIP listener on {}: could not answer {} to a {}: {}", bind, answer.status(), request.getMethod(),
                    e.toString());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        if (transaction == null) {
            return; // a stray or late response; nothing waits for it
        }
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        Pending waiting = pending.remove(transaction);
        if (waiting == null) {
            return;
        }
        Optional<DigestCredentials> credentials = waiting.route().config.outbound();
        if ((status == 401 || status == 407) && credentials.isPresent() && !waiting.challenged()) {
            try {
                ClientTransaction retry = provider.getNewClientTransaction(
                        authorized(transaction.getRequest(), response, credentials.get()));
                pending.put(retry, new Pending(waiting.route(), waiting.answer(), true));
                retry.sendRequest();
                return;
            } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
                LOG.warn("[{}] could not answer the peer's digest challenge: {}", waiting.route().config.name(),
                        e.getMessage());
            }
        }
        SIPETagHeader etag = (SIPETagHeader) response.getHeader(SIPETagHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        waiting.answer().complete(new PublishResult(status, response.getReasonPhrase(),
                etag == null ? null : etag.getETag(), cseq == null ? 0 : cseq.getSeqNumber()));
    }

    /**
     * The request again, CSeq one up, with a new branch and the digest answer to the challenge (MD5,
     * qop=auth when offered), as pjsip's client does. Written here rather than with JAIN-SIP's
     * AuthenticationHelper, which adds a maddr parameter to the Request-URI of the retry.
     */
    private Request authorized(Request original, Response challenge, DigestCredentials credentials)
            throws ParseException, javax.sip.InvalidArgumentException {
        boolean proxy = challenge.getStatusCode() == 407;
        WWWAuthenticateHeader offered = (WWWAuthenticateHeader) challenge.getHeader(
                proxy ? javax.sip.header.ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (offered == null) {
            throw new ParseException("the " + challenge.getStatusCode() + " carries no challenge", 0);
        }
        Request retry = (Request) original.clone();
        CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        ViaHeader via = (ViaHeader) retry.getHeader(ViaHeader.NAME);
        via.removeParameter("branch");
        String uri = retry.getRequestURI().toString();
        String realm = offered.getRealm();
        AuthorizationHeader answer = proxy ? headers.createProxyAuthorizationHeader("Digest")
                : headers.createAuthorizationHeader("Digest");
        answer.setUsername(credentials.username());
        answer.setRealm(realm);
        answer.setNonce(offered.getNonce());
        answer.setURI(retry.getRequestURI());
        answer.setAlgorithm("MD5");
        if (offered.getOpaque() != null) {
            answer.setOpaque(offered.getOpaque());
        }
        if (offered.getQop() != null && offered.getQop().toLowerCase(Locale.ROOT).contains("auth")) {
            String cnonce = UUID.randomUUID().toString().replace("-", "");
            answer.setQop("auth");
            answer.setCNonce(cnonce);
            answer.setNonceCount(1);
            answer.setResponse(DigestAuthenticator.response(credentials.username(), realm, credentials.password(),
                    Request.PUBLISH, uri, offered.getNonce(), "00000001", cnonce));
        } else {
            answer.setResponse(DigestAuthenticator.responseWithoutQop(credentials.username(), realm,
                    credentials.password(), Request.PUBLISH, uri, offered.getNonce()));
        }
        retry.removeHeader(proxy ? javax.sip.header.ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME);
        retry.addHeader(answer);
        return retry;
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        Pending waiting = pending.remove(event.getClientTransaction());
        if (waiting != null) {
            CSeqHeader cseq = (CSeqHeader) event.getClientTransaction().getRequest().getHeader(CSeqHeader.NAME);
            waiting.answer().complete(new PublishResult(408, "Request Timeout", null, cseq.getSeqNumber()));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("SIP listener on {}: I/O error towards {}:{} ({})", bind, event.getHost(), event.getPort(),
                event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        if (!event.isServerTransaction()) {
            Pending waiting = pending.remove(event.getClientTransaction());
            if (waiting != null) {
                waiting.answer().complete(new PublishResult(503, "Transaction ended without an answer", null, 0));
            }
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // PUBLISH makes no dialogs.
    }
}
