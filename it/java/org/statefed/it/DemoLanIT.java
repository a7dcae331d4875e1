package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/statefed demo} with site A's Corosync LAN, as a real process against a real private corosync:
 * pbx-a1's change is seen at B and C under its entity id, B's change reaches both members as res_corosync bytes
 * from site A's bridge, pbx-a1 leaving makes its state go at every site, and no corosync or member is left.
 * Skipped when corosync is not installed here or its one slot on this machine stays taken.
 */
class DemoLanIT {
    private static final Pattern COROSYNC_PID = Pattern.compile("corosync runs \\(pid (\\d+)\\)");
    private static final Pattern MEMBER_PID = Pattern.compile("pbx-a\\d \\(pid (\\d+), entity id");
    private static final Pattern DEMO_PID_BRIDGE = Pattern.compile("received 48 bytes from pid (\\d+) \\(site A's bridge\\)");
    private static final String SITES_CONVERGED =
            "   converged: site A \\d+\\.\\d ms, site B \\d+\\.\\d ms, site C \\d+\\.\\d ms\n";

    @TempDir
    Path dir;

    @Test
    void lanMembersChangeReachesTheSitesBsChangeReachesTheMembersAndALeavingMemberGoesStale() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/corosync")),
                "the Debian package corosync is not installed; run scripts/install-test-deps.sh as root");
        Path log = dir.resolve("demo.log");
        Process process = new ProcessBuilder(Path.of("bin/statefed").toAbsolutePath().toString(), "demo")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Prosody, the XMPP steps, two member JVMs and the stale rule (2 × stale_timeout = 6 s): about 20 s
            // alone; up to 30 s more if a test elsewhere holds the machine's corosync.
            assertThat(process.waitFor(110, TimeUnit.SECONDS)).as("demo finished within 110 s").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println("statefed demo output:\n" + output);
        Assumptions.assumeFalse(output.contains("No LAN at site A: "), () -> "the demo ran without its LAN: "
                + output.lines().filter(l -> l.startsWith("No LAN")).findFirst().orElseThrow());
        assertThat(process.exitValue()).as("exit status; output:\n" + output).isZero();

        String[] lan = output.split("\n== LAN step ");
        assertThat(lan).as("three LAN steps").hasSize(4);
        assertThat(lan[1]).startsWith("1 of 3: at site A's LAN, pbx-a1 (entity id 00:00:5e:00:53:a1)")
                .containsPattern(SITES_CONVERGED);
        for (String site : List.of("site B", "site C")) {
            assertThat(lan[1]).as("%s shows dave under pbx-a1's eid", site).contains("   " + site
                    + ", devstate list:\n   --- Name: 'PJSIP/dave'  State: 'INUSE'\n   ---     from 00:00:5e:00:53:a1");
        }
        String bobRinging = "DEVICE_STATE_CHANGE device=PJSIP/bob state=RINGING cachable=1 eid=00:00:5e:00:53:0b";
        assertThat(lan[2]).containsPattern("   converged: pbx-a1 \\d+\\.\\d ms, pbx-a2 \\d+\\.\\d ms\n")
                .contains("   pbx-a1 decodes: " + bobRinging).contains("   pbx-a2 decodes: " + bobRinging);
        Matcher bridge = DEMO_PID_BRIDGE.matcher(lan[2]);
        assertThat(bridge.find()).as("sent by site A's bridge").isTrue();
        assertThat(Long.parseLong(bridge.group(1))).as("the bridge is the demo's own process").isEqualTo(process.pid());
        assertThat(lan[3]).startsWith("3 of 3: pbx-a1 stops and leaves the CPG group; every site drops its states"
                + " after stale_timeout=3 s").containsPattern(SITES_CONVERGED)
                .contains("   site B, devstate list: no PJSIP/dave").contains("   site C, devstate list: no PJSIP/dave");
        assertThat(output).contains("Every site showed every change.").endsWith("Stopped; nothing is left running.\n");

        Matcher corosync = COROSYNC_PID.matcher(output);
        assertThat(corosync.find()).as("corosync's pid printed").isTrue();
        assertGone("corosync", corosync.group(1));
        Matcher member = MEMBER_PID.matcher(output);
        int members = 0;
        while (member.find()) {
            assertGone("LAN member", member.group(1));
            members++;
        }
        assertThat(members).isEqualTo(2);
    }

    private static void assertGone(String what, String pid) {
        assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)).as("%s pid %s", what, pid)
                .isEmpty();
    }
}
