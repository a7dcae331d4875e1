package org.statefed.corosync.codec;

/** What is wrong with a name an event carries: the rejection reason and a detail without the name itself. */
record NameProblem(EventRejectReason reason, String detail) {
}
