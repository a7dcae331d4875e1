/**
 * The command-line front end: {@link org.statefed.app.Main} and the subcommands it dispatches to;
 * the only package that writes to the console or exits the JVM.
 */
package org.statefed.app;
