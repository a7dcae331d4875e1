package org.statefed.corosync.cpg;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's membership of one CPG group: {@code cpg_initialize}, {@code cpg_join}, a dispatch
 * thread of its own, {@link #send} with {@code cpg_mcast_joined(CPG_TYPE_FIFO)} as res_corosync sends,
 * {@link #leave} and {@link #close} ({@code cpg_finalize}).
 *
 * <p>The dispatch thread waits on the CPG fd ({@code poll}, then {@code cpg_dispatch(CS_DISPATCH_ALL)},
 * as res_corosync's dispatch thread does) and only hands messages and membership changes to the
 * {@link CpgListener}. When corosync goes away {@code cpg_dispatch} fails, the listener hears
 * {@link CpgListener#onDispatchFailed} once, the thread ends and the group is {@link State#FAILED}:
 * rejoining is a new {@code CpgGroup}. The handle is finalized by the dispatch thread as it ends, so
 * that no libcpg call runs on a handle being finalized.
 *
 * <p>One process is one member of a group: libcpg joins with the caller's pid, and corosync refuses a
 * second join of the same group from the same pid ({@code CS_ERR_EXIST}).
 */
public final class CpgGroup implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CpgGroup.class);
    /**
     * How long the dispatch thread waits on the fd before looking at its stop flag again: bounds how long
     * {@link #close} waits for the thread (a pipe to wake it would need two more libc calls for 200 ms).
     */
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /**
     * The dispatch thread's stack. cpg_dispatch keeps a {@code char dispatch_buf[IPC_DISPATCH_SIZE]} of
     * 8192*128 bytes (1 MiB) on the C stack (lib/cpg.c, corosync 3); a Java thread's default stack is
     * 1 MiB on x86_64 (-Xss), so a plain thread dies with SIGSEGV and no hs_err file on the first
     * callback. 4 MiB leaves room for the listener's own frames on top.
     */
    static final long DISPATCH_STACK_BYTES = 4L * 1024 * 1024;
    /** How long close() waits for the dispatch thread: the poll interval plus a listener call in flight. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Where a group is in its life. */
    public enum State { JOINED, LEFT, FAILED, CLOSED }

    private final LibCpg lib;
    private final LibCpg.LibC libc;
    private final String group;
    private final Memory name;
    private final CpgListener listener;
    private final SendRetry retry;
    // Strong references: JNA frees a callback's native trampoline when its Java object is collected.
    private final LibCpg.Callbacks callbacks = new LibCpg.Callbacks();
    private final long handle;
    private final int fd;
    private final long localNodeId;
    private final Object calls = new Object();
    private final Thread dispatcher;
    private volatile boolean stopping;
    private volatile State state = State.JOINED;

    CpgGroup(LibCpg lib, LibCpg.LibC libc, String group, CpgListener listener, SendRetry retry)
            throws CpgException {
        this.lib = Objects.requireNonNull(lib, "lib");
        this.libc = Objects.requireNonNull(libc, "libc");
        String problem = CpgNames.problem(group);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.group = group;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.name = CpgNames.write(group);
        callbacks.deliver = this::deliver;
        callbacks.confchg = this::confchg;

        LongByReference handleRef = new LongByReference();
        check("cpg_initialize", lib.cpg_initialize(handleRef, callbacks));
        this.handle = handleRef.getValue();
        try {
            IntByReference fdRef = new IntByReference();
            check("cpg_fd_get", lib.cpg_fd_get(handle, fdRef));
            this.fd = fdRef.getValue();
            IntByReference nodeRef = new IntByReference();
            check("cpg_local_get", lib.cpg_local_get(handle, nodeRef));
            this.localNodeId = Integer.toUnsignedLong(nodeRef.getValue());
            retryingTryAgain("cpg_join", () -> lib.cpg_join(handle, name));
        } catch (CpgException | RuntimeException e) {
            finalizeHandle();
            throw e;
        }
        this.dispatcher = new Thread(null, this::dispatchLoop, "cpg-dispatch-" + group, DISPATCH_STACK_BYTES);
        dispatcher.setDaemon(true);
        dispatcher.start();
        LOG.info("Joined CPG group \"{}\" as nodeid={} pid={}", group, localNodeId, ProcessHandle.current().pid());
    }

    /** Joins {@code group} through the system's libcpg, retrying a busy corosync with {@link SendRetry#DEFAULT}. */
    public static CpgGroup join(String group, CpgListener listener) throws CpgException {
        return join(group, listener, SendRetry.DEFAULT);
    }

    public static CpgGroup join(String group, CpgListener listener, SendRetry retry) throws CpgException {
        return new CpgGroup(LibCpg.load(), LibCpg.loadLibC(), group, listener, retry);
    }

    public String group() {
        return group;
    }

    public State state() {
        return state;
    }

    /** This member as the others see it in deliveries and confchg: corosync's node id and our pid. */
    public CpgMember self() {
        return new CpgMember(localNodeId, ProcessHandle.current().pid());
    }

    /**
     * Multicasts one message to the group (delivered to every member, this one included). Retries
     * {@code CS_ERR_TRY_AGAIN} as {@link SendRetry} says, so it returns or throws within
     * {@link SendRetry#worstCaseWait()} plus the calls themselves.
     */
    public void send(byte[] payload) throws CpgException {
        Objects.requireNonNull(payload, "payload");
        if (payload.length == 0) {
            throw new IllegalArgumentException("a CPG message must not be empty");
        }
        Memory buffer = new Memory(payload.length);
        buffer.write(0, payload, 0, payload.length);
        Memory iovec = new Memory(Native.POINTER_SIZE + Native.SIZE_T_SIZE);
        iovec.setPointer(0, buffer);
        iovec.setNativeLong(Native.POINTER_SIZE, new NativeLong(payload.length));
        try {
            synchronized (calls) {
                requireJoined("send");
                retryingTryAgain("cpg_mcast_joined",
                        () -> lib.cpg_mcast_joined(handle, LibCpg.CPG_TYPE_FIFO, iovec, 1));
            }
        } finally {
            // Only the native iovec points at the buffer: without this fence the JIT may consider it
            // unreachable during the call, and JNA's cleaner would free it under libcpg.
            Reference.reachabilityFence(buffer);
        }
    }

    /** Leaves the group ({@code cpg_leave}); the dispatch thread keeps running until {@link #close}. */
    public void leave() throws CpgException {
        synchronized (calls) {
            requireJoined("leave");
            retryingTryAgain("cpg_leave", () -> lib.cpg_leave(handle, name));
            state = State.LEFT;
        }
    }

    /**
     * Stops the dispatch thread, which finalizes the handle (leaving the group if still joined). Waits
     * for it at most {@link #CLOSE_TIMEOUT}; idempotent; safe from a listener call.
     */
    @Override
    public void close() {
        stopping = true;
        if (Thread.currentThread() == dispatcher) {
            return;
        }
        try {
            dispatcher.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dispatcher.isAlive()) {
            LOG.warn("CPG group \"{}\": the dispatch thread did not end within {} (a listener call is stuck);"
                    + " the handle is finalized when it returns", group, CLOSE_TIMEOUT);
        }
    }

    private void requireJoined(String operation) throws CpgException {
        State now = state;
        if (now != State.JOINED || stopping) {
            throw new CpgException("Cannot " + operation + " on CPG group \"" + group + "\": it is "
                    + (stopping ? State.CLOSED : now) + (now == State.FAILED ? " (corosync went away; join again)" : ""),
                    now == State.FAILED ? CsError.CS_ERR_LIBRARY : CsError.CS_ERR_BAD_HANDLE,
                    now == State.FAILED ? CsError.CS_ERR_LIBRARY.code() : CsError.CS_ERR_BAD_HANDLE.code());
        }
    }

    private void check(String call, int rc) throws CpgException {
        if (rc != LibCpg.CS_OK) {
            throw CpgException.of(call, group, rc);
        }
    }

    private interface NativeCall {
        int call();
    }

    private void retryingTryAgain(String call, NativeCall nativeCall) throws CpgException {
        for (int attempt = 1;; attempt++) {
            int rc = nativeCall.call();
            if (rc == LibCpg.CS_OK) {
                return;
            }
            if (rc != LibCpg.CS_ERR_TRY_AGAIN || attempt >= retry.attempts()) {
                CpgException failure = CpgException.of(call, group, rc);
                if (rc == LibCpg.CS_ERR_TRY_AGAIN) {
                    failure = new CpgException(failure.getMessage() + " " + attempt + " times within "
                            + retry.worstCaseWait() + " (corosync stays busy)", CsError.CS_ERR_TRY_AGAIN, rc);
                }
                throw failure;
            }
            try {
                Thread.sleep(retry.backoffAfter(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CpgException(call + " for CPG group \"" + group + "\" interrupted while corosync was"
                        + " busy", CsError.CS_ERR_INTERRUPT, CsError.CS_ERR_INTERRUPT.code());
            }
        }
    }

    private void dispatchLoop() {
        Memory pollfd = new Memory(LibCpg.LibC.POLLFD_SIZE);
        pollfd.setInt(0, fd);
        pollfd.setShort(4, LibCpg.LibC.POLLIN);
        int hangupsWithoutError = 0;
        try {
            while (!stopping) {
                pollfd.setShort(6, (short) 0);
                int ready;
                try {
                    ready = libc.poll(pollfd, new NativeLong(1), (int) POLL_INTERVAL.toMillis());
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibCpg.LibC.EINTR) {
                        continue;
                    }
                    fail(new CpgException("poll(2) on the CPG fd of group \"" + group + "\" failed: "
                            + e.getMessage(), e));
                    return;
                }
                if (ready <= 0 || stopping) {
                    continue;
                }
                int rc = lib.cpg_dispatch(handle, LibCpg.CS_DISPATCH_ALL);
                if (rc != LibCpg.CS_OK) {
                    fail(CpgException.of("cpg_dispatch", group, rc));
                    return;
                }
                short revents = pollfd.getShort(6);
                boolean hangup = (revents & (LibCpg.LibC.POLLHUP | LibCpg.LibC.POLLERR | LibCpg.LibC.POLLNVAL)) != 0;
                // A hung-up fd stays readable: if libcpg kept answering OK we would spin, so a second
                // hang-up in a row ends the group as a failure of its own.
                hangupsWithoutError = hangup ? hangupsWithoutError + 1 : 0;
                if (hangupsWithoutError > 1) {
                    fail(new CpgException("corosync closed the IPC connection of CPG group \"" + group
                            + "\" (poll revents 0x" + Integer.toHexString(revents) + ")", CsError.CS_ERR_LIBRARY,
                            CsError.CS_ERR_LIBRARY.code()));
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("CPG group \"{}\": the dispatch thread failed unexpectedly", group, e);
            fail(new CpgException("CPG dispatch of group \"" + group + "\" failed: " + e, e));
        } finally {
            synchronized (calls) {
                if (state != State.FAILED) {
                    state = State.CLOSED;
                }
                finalizeHandle();
            }
        }
    }

    private void fail(CpgException failure) {
        state = State.FAILED;
        LOG.warn("CPG group \"{}\" lost its connection to corosync: {}", group, failure.getMessage());
        try {
            listener.onDispatchFailed(failure);
        } catch (RuntimeException e) {
            LOG.warn("CPG group \"{}\": the listener failed on the dispatch failure", group, e);
        }
    }

    private void finalizeHandle() {
        int rc = lib.cpg_finalize(handle);
        if (rc != LibCpg.CS_OK) {
            // Expected after corosync went away (the connection is already gone); nothing to undo.
            LOG.debug("CPG group \"{}\": cpg_finalize returned {}", group, CsError.of(rc));
        }
    }

    private void deliver(long ignoredHandle, Pointer groupName, int nodeId, int pid, Pointer msg, NativeLong msgLen) {
        try {
            long length = msgLen.longValue();
            if (length < 0 || length > Integer.MAX_VALUE || (msg == null && length > 0)) {
                LOG.warn("CPG group \"{}\": dropped a delivery of {} bytes that cannot be read", group, length);
                return;
            }
            byte[] payload = length == 0 ? new byte[0] : msg.getByteArray(0, (int) length);
            listener.onMessage(new CpgMember(Integer.toUnsignedLong(nodeId), Integer.toUnsignedLong(pid)), payload);
        } catch (RuntimeException e) {
            LOG.warn("CPG group \"{}\": the listener failed on a message from nodeid={} pid={}", group,
                    Integer.toUnsignedLong(nodeId), Integer.toUnsignedLong(pid), e);
        }
    }

    private void confchg(long ignoredHandle, Pointer groupName, Pointer members, NativeLong memberCount,
            Pointer left, NativeLong leftCount, Pointer joined, NativeLong joinedCount) {
        try {
            List<CpgMember> now = new ArrayList<>();
            for (CpgAddress address : addresses(members, memberCount)) {
                now.add(address.member());
            }
            listener.onMembership(new Membership(CpgNames.read(groupName), now, addresses(left, leftCount),
                    addresses(joined, joinedCount)));
        } catch (RuntimeException e) {
            LOG.warn("CPG group \"{}\": the listener failed on a membership change", group, e);
        }
    }

    /** Reads {@code count} {@code struct cpg_address} (12 bytes each) from {@code array}. */
    static List<CpgAddress> addresses(Pointer array, NativeLong count) {
        long n = count.longValue();
        if (array == null || n <= 0) {
            return List.of();
        }
        List<CpgAddress> addresses = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            long base = i * LibCpg.CPG_ADDRESS_SIZE;
            addresses.add(new CpgAddress(new CpgMember(Integer.toUnsignedLong(array.getInt(base)),
                    Integer.toUnsignedLong(array.getInt(base + 4))), ConfchgReason.of(array.getInt(base + 8))));
        }
        return addresses;
    }
}
