package org.statefed.corosync.codec;

import java.util.HexFormat;

/**
 * One CPG message of the res_corosync capture, as the capture's text describes it.
 *
 * @param index its number in the capture ({@code ### [n]})
 * @param sender the capture's name for the sending Asterisk ({@code a1}, {@code a2})
 * @param declaredBytes the byte count the capture's heading gives
 * @param decodeLine the capture's one-line decode, e.g. {@code AST_EVENT_PING, EID=00:11:22:33:44:01}
 * @param hex the payload as the capture's {@code raw:} line gives it
 */
record CapturedMessage(int index, String sender, int declaredBytes, String decodeLine, String hex) {

    byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return "[" + index + "] " + sender + ": " + decodeLine;
    }
}
