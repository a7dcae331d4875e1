/**
 * The operator's admin commands ({@code core show hints}, {@code devstate change}, …) in one
 * {@link org.statefed.admin.CommandRegistry}, and the owner-only Unix domain socket through which the
 * remote console runs them in a running node.
 */
package org.statefed.admin;
