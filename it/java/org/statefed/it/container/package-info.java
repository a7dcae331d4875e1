/** Three statefed sites on XMPP servers started as Docker containers (Openfire, Tigase); skipped without Docker. */
package org.statefed.it.container;
