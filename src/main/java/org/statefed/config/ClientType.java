package org.statefed.config;

/** Asterisk's {@code type} key of a client section. */
public enum ClientType {
    CLIENT, COMPONENT
}
