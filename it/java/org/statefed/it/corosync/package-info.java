/** Integration tests of the libcpg binding against a real Corosync daemon. */
package org.statefed.it.corosync;
