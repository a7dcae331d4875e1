/**
 * A small Java binding of Corosync's closed process group library (libcpg, Debian {@code libcpg4}),
 * called through JNA: join a CPG group, multicast to it, and hear its messages and membership changes
 * on a dispatch thread of its own ({@link org.statefed.corosync.cpg.CpgGroup}).
 *
 * <p>Only the C calls Asterisk's {@code res_corosync} makes are bound, with the x86_64 (LP64) layouts
 * of {@code corosync/cpg.h} 3.x written out by hand in {@link org.statefed.corosync.cpg.LibCpg}. Errors
 * are {@code cs_error_t} codes turned into {@link org.statefed.corosync.cpg.CpgException}.
 */
package org.statefed.corosync.cpg;
