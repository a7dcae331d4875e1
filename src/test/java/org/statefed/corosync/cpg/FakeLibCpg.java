package org.statefed.corosync.cpg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * libcpg and poll(2) as a script: each call returns what the test queued (CS_OK when nothing is queued)
 * and records what it was given. poll waits out its timeout unless the test made the fd ready.
 */
final class FakeLibCpg implements LibCpg, LibCpg.LibC {
    final Deque<Integer> initializeResults = new ArrayDeque<>();
    final Deque<Integer> joinResults = new ArrayDeque<>();
    final Deque<Integer> mcastResults = new ArrayDeque<>();
    final Deque<Integer> dispatchResults = new ArrayDeque<>();
    final AtomicInteger mcastCalls = new AtomicInteger();
    final AtomicInteger finalizeCalls = new AtomicInteger();
    final CountDownLatch finalized = new CountDownLatch(1);
    final List<byte[]> sent = new ArrayList<>();
    final List<Integer> guarantees = new ArrayList<>();
    volatile boolean fdReady;

    @Override
    public synchronized int cpg_initialize(LongByReference handle, Callbacks callbacks) {
        handle.setValue(42);
        return next(initializeResults);
    }

    @Override
    public int cpg_finalize(long handle) {
        finalizeCalls.incrementAndGet();
        finalized.countDown();
        return CS_OK;
    }

    @Override
    public int cpg_fd_get(long handle, IntByReference fd) {
        fd.setValue(7);
        return CS_OK;
    }

    @Override
    public synchronized int cpg_dispatch(long handle, int dispatchTypes) {
        return next(dispatchResults);
    }

    @Override
    public synchronized int cpg_join(long handle, Pointer group) {
        return next(joinResults);
    }

    @Override
    public int cpg_leave(long handle, Pointer group) {
        return CS_OK;
    }

    @Override
    public synchronized int cpg_mcast_joined(long handle, int guarantee, Pointer iovec, int iovLen) {
        mcastCalls.incrementAndGet();
        int result = next(mcastResults);
        if (result == CS_OK) {
            Pointer base = iovec.getPointer(0);
            long length = iovec.getNativeLong(Native.POINTER_SIZE).longValue();
            sent.add(base.getByteArray(0, (int) length));
            guarantees.add(guarantee);
        }
        return result;
    }

    @Override
    public int cpg_local_get(long handle, IntByReference localNodeId) {
        localNodeId.setValue(1);
        return CS_OK;
    }

    @Override
    public int poll(Pointer fds, NativeLong nfds, int timeoutMillis) {
        if (fdReady) {
            fds.setShort(6, POLLIN);
            return 1;
        }
        LockSupport.parkNanos(timeoutMillis * 1_000_000L);
        return 0;
    }

    private static int next(Deque<Integer> results) {
        Integer result = results.poll();
        return result == null ? CS_OK : result;
    }
}
