/**
 * {@code statefed demo}: a private Prosody and three in-process sites playing a short scripted scenario,
 * their tables printed to the stream the command line hands in.
 */
package org.statefed.demo;
