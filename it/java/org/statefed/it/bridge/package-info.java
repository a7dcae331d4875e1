/**
 * statefed as a bridge, tested with an in-process LAN ({@code LanBus}: members, total order, dump on join)
 * standing in for a Corosync group, fake LAN servers, and a LAN link built only on the link contract.
 */
package org.statefed.it.bridge;
