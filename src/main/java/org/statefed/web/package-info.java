/**
 * The HTTP side of a node: the JSON API, the Server-Sent Events stream of changes, the live lamp board and
 * Prometheus {@code /metrics}, on Jetty, through the {@link org.statefed.web.WebNode} view of a node.
 */
package org.statefed.web;
