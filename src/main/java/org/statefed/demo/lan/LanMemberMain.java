package org.statefed.demo.lan;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.statefed.corosync.cpg.CpgException;
import org.statefed.corosync.cpg.CpgGroup;
import org.statefed.corosync.cpg.CpgListener;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.Membership;

/**
 * One simulated Asterisk member of the demo's LAN, in its own process (corosync refuses a second join of one
 * group from one pid), driven over stdin/stdout by {@link LanMemberProcess}: it joins the group named by its
 * argument and prints {@code JOINED <nodeid> <pid>}, {@code MSG <nodeid> <pid> <hex>}, {@code CONF},
 * {@code FAILED <message>} or {@code ERROR <message>}; it reads {@code SEND <hex>} and {@code QUIT}.
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
            public void onMembership(Membership membership) {
                out.println("CONF members=" + membership.members().size());
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
                if (line.startsWith("SEND ")) {
                    try {
                        group.send(HexFormat.of().parseHex(line.substring(5)));
                    } catch (CpgException e) {
                        out.println("ERROR " + e.getMessage());
                    }
                }
            }
        } catch (CpgException e) {
            out.println("FAILED " + e.getMessage());
        }
    }
}
