/**
 * What a node knows, kept on local disk across restarts: every site's device states and mailbox counts
 * with their update times and the buddy each site is, in an H2 MVStore file written off the hot path and
 * read back at start.
 */
package org.statefed.store;
