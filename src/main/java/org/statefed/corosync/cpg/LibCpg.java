package org.statefed.corosync.cpg;

import com.sun.jna.Callback;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * The libcpg calls statefed makes, as JNA maps them (corosync/cpg.h and corotypes.h, corosync 3.x).
 *
 * <p>Layouts on x86_64 (LP64), written out where JNA does not derive them: {@code cpg_handle_t} is a
 * {@code uint64_t} ({@code long}); {@code struct cpg_name} is {@code uint32_t length; char value[128]}
 * (132 bytes, see {@link CpgNames}); {@code struct cpg_address} is three {@code uint32_t} (nodeid, pid,
 * reason: 12 bytes each, arrays without padding); {@code struct iovec} is a pointer and a
 * {@code size_t} (16 bytes); {@code size_t} is {@link NativeLong} (an unsigned long on Linux).
 */
interface LibCpg extends Library {
    /** The soname of Debian's libcpg4; the unversioned libcpg.so only comes with libcpg-dev. */
    String SONAME = "libcpg.so.4";

    int CS_OK = 1;
    int CS_ERR_TRY_AGAIN = 6;
    /** {@code cpg_guarantee_t}: what res_corosync sends with (the same as AGREED in corosync 3). */
    int CPG_TYPE_FIFO = 1;
    /** {@code cs_dispatch_flags_t}: deliver every event already received, then return. */
    int CS_DISPATCH_ALL = 2;
    int CPG_MAX_NAME_LENGTH = 128;
    int CPG_NAME_SIZE = 4 + CPG_MAX_NAME_LENGTH;
    int CPG_ADDRESS_SIZE = 12;

    int cpg_initialize(LongByReference handle, Callbacks callbacks);

    int cpg_finalize(long handle);

    int cpg_fd_get(long handle, IntByReference fd);

    int cpg_dispatch(long handle, int dispatchTypes);

    int cpg_join(long handle, Pointer group);

    int cpg_leave(long handle, Pointer group);

    int cpg_mcast_joined(long handle, int guarantee, Pointer iovec, int iovLen);

    int cpg_local_get(long handle, IntByReference localNodeId);

    /** {@code cpg_deliver_fn_t}: one multicast message of the group. */
    interface DeliverFn extends Callback {
        void invoke(long handle, Pointer groupName, int nodeId, int pid, Pointer msg, NativeLong msgLen);
    }

    /** {@code cpg_confchg_fn_t}: the members now, and who left and joined. */
    interface ConfchgFn extends Callback {
        void invoke(long handle, Pointer groupName, Pointer members, NativeLong memberCount,
                Pointer left, NativeLong leftCount, Pointer joined, NativeLong joinedCount);
    }

    /** {@code cpg_callbacks_t}: two function pointers; libcpg copies it during cpg_initialize. */
    @Structure.FieldOrder({"deliver", "confchg"})
    final class Callbacks extends Structure {
        public DeliverFn deliver;
        public ConfchgFn confchg;
    }

    /** The one libc call the dispatch thread needs: wait on the CPG fd with a timeout. */
    interface LibC extends Library {
        short POLLIN = 0x001;
        short POLLERR = 0x008;
        short POLLHUP = 0x010;
        short POLLNVAL = 0x020;
        int EINTR = 4;
        /** {@code struct pollfd}: int fd, short events, short revents. */
        int POLLFD_SIZE = 8;

        int poll(Pointer fds, NativeLong nfds, int timeoutMillis) throws LastErrorException;
    }

    /**
     * Loads libcpg and libc, with a message naming the Debian package when libcpg is missing.
     * Not cached: JNA keeps the loaded library itself, so a second load is only a lookup.
     */
    static LibCpg load() throws CpgException {
        return load(SONAME);
    }

    static LibCpg load(String soname) throws CpgException {
        try {
            return Native.load(soname, LibCpg.class);
        } catch (UnsatisfiedLinkError e) {
            throw new CpgException("Cannot load " + soname + ", Corosync's CPG library: install the Debian"
                    + " package libcpg4 (apt-get install libcpg4); " + e.getMessage(), e);
        }
    }

    static LibC loadLibC() throws CpgException {
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            throw new CpgException("Cannot load the C library for poll(2): " + e.getMessage(), e);
        }
    }
}
