/**
 * The Corosync link (issue 11): joins an Asterisk {@code res_corosync} CPG group and carries device
 * states and MWI between it and the hub, with the original entity ids; for now only its pure wire
 * codec exists, in {@link org.statefed.corosync.codec}.
 */
package org.statefed.corosync;
