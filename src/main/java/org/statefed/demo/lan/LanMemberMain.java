package org.statefed.demo.lan;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.statefed.corosync.cpg.CpgAddress;
import org.statefed.corosync.cpg.CpgException;
import org.statefed.corosync.cpg.CpgGroup;
import org.statefed.corosync.cpg.CpgListener;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.Membership;

/**
 * One simulated Asterisk member of a LAN, in its own process (corosync refuses a second join of one group from
 * one pid): the demo's members ({@link LanMemberProcess}) and the integration tests' second CPG members run it.
 * It joins the group named by its argument and prints one line per event; it reads {@code SEND <hex>},
 * {@code LEAVE} and {@code QUIT}.
 *
 * <p>Output lines: {@code JOINED <nodeid> <pid>}, {@code MSG <nodeid> <pid> <hex>},
 * {@code CONF members=<n/p,...> left=<n/p/REASON,...> joined=<...>}, {@code FAILED <message>} (the join or the
 * dispatch failed), {@code ERROR <message>} (a command failed).
 */
public final class LanMemberMain {

    private LanMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CpgListener listener = new CpgListener() {
            @Override
            public void onMessage(CpgMember sender, byte[] payload) {
                out.println("MSG " + sender.nodeId() + " " + sender.pid() + " " + HexFormat.of().formatHex(payload));
            }

            @Override
            public void onMembership(Membership m) {
                out.println("CONF members=" + m.members().stream().map(x -> x.nodeId() + "/" + x.pid())
                        .collect(Collectors.joining(",")) + " left=" + addresses(m.left()) + " joined="
                        + addresses(m.joined()));
            }

            @Override
            public void onDispatchFailed(CpgException failure) {
                out.println("FAILED " + failure.getMessage());
            }
        };
        try (CpgGroup group = CpgGroup.join(args[0], listener)) {
            out.println("JOINED " + group.self().nodeId() + " " + group.self().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("QUIT"); line = in.readLine()) {
                try {
                    if (line.startsWith("SEND ")) {
                        group.send(HexFormat.of().parseHex(line.substring(5)));
                    } else if (line.equals("LEAVE")) {
                        group.leave();
                    }
                } catch (CpgException e) {
                    out.println("ERROR " + e.getMessage());
                }
            }
        } catch (CpgException e) {
            out.println("FAILED " + e.getMessage());
        }
    }

    private static String addresses(List<CpgAddress> addresses) {
        return addresses.stream().map(a -> a.member().nodeId() + "/" + a.member().pid() + "/" + a.reason())
                .collect(Collectors.joining(","));
    }
}
