/** Helpers of the admin-command integration tests: {@code bin/statefed} run as a child process. */
package org.statefed.it.admin;
