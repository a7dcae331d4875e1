package org.statefed.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.bridge.SLF4JBridgeHandler;
import org.statefed.bench.Report;
import org.statefed.bench.ScaleBench;
import org.statefed.it.fixture.XmppServers;

/**
 * The benchmark of issue 6 (docs/benchmarks.md): the in-process figures, then every end-to-end
 * scenario on prosody and ejabberd beside its raw-Smack baseline. Writes results.json and results.md
 * into the directory given first, and prints the table.
 *
 * <p>Arguments after the directory: {@code servers=prosody,ejabberd} (which servers),
 * {@code scale=no} (skip the in-process figures), {@code scenarios=latency,throughput,storm,resync}
 * (which end-to-end scenarios besides start-up), {@code store=yes} (every site keeps a state file).
 * {@code scenarios=scale} runs scenario 7 (issue 15) instead, over {@code sites=3,10,30,50} ×
 * {@code devices=1000,10000}, each phase given at most {@code limit=600} seconds ({@code raw=no}: statefed's
 * side only, {@code warmup=no}: no unreported first point; both for debugging; {@code phases=restart}: only
 * a restarted site's sync, without the storm, see {@code ScaleScenario.restartOnly}); {@code scenarios=none}
 * runs only the in-process figures.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: BenchMain OUTPUT_DIR [servers=prosody,ejabberd] [scale=no] [scenarios=latency,...] [store=yes]");
        }
        Path out = Path.of(args[0]);
        Map<String, String> options = new LinkedHashMap<>();
        Arrays.stream(args).skip(1).filter(a -> a.contains("=")).forEach(a -> options.put(a.substring(0, a.indexOf('=')),
                a.substring(a.indexOf('=') + 1)));
        List<String> servers = options.containsKey("servers") ? List.of(options.get("servers").split(","))
                : XmppServers.kinds();

        // Smack logs through java.util.logging; route it to slf4j, whose level the bench sets to warn.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.Set<String> scenarios = java.util.Set.of(options.getOrDefault("scenarios",
                "latency,throughput,storm,resync").split(","));
        Report report = new Report(machine());
        long start = System.nanoTime();
        if (!"no".equals(options.get("scale"))) {
            report.addAll(ScaleBench.run());
        }
        // store=yes: every site keeps a state file (in a fresh temporary directory), to measure what the
        // store adds; not with resync, whose site C must restart with empty tables.
        if (scenarios.contains("scale")) {
            report.addAll(ScaleRun.run(out, servers, ints(options.getOrDefault("sites", "3,10,30,50")),
                    ints(options.getOrDefault("devices", "1000,10000")),
                    java.time.Duration.ofSeconds(Long.parseLong(options.getOrDefault("limit", "600"))),
                    !"no".equals(options.get("raw")), !"no".equals(options.get("warmup")),
                    "restart".equals(options.get("phases"))));
        }
        java.util.Optional<Path> stateDir = "yes".equals(options.get("store"))
                ? java.util.Optional.of(Files.createTempDirectory("statefed-bench-state-")) : java.util.Optional.empty();
        boolean others = scenarios.stream().anyMatch(sc -> !sc.equals("scale") && !sc.equals("none"));
        for (String kind : others ? servers : List.<String>of()) {
            report.addAll(ServerBench.run(kind, scenarios, stateDir));
        }
        report.writeJson(out.resolve("results.json"));
        String table = report.machineLines() + "\n" + report.markdown();
        Files.writeString(out.resolve("results.md"), table);
        System.out.printf("%n== statefed benchmark (%d s) ==%n%s%nwritten to %s%n", (System.nanoTime() - start) / 1_000_000_000,
                table, out.resolve("results.json"));
    }

    private static List<Integer> ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private static Map<String, String> machine() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("cpu", cpuModel());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("prosody", packageVersion("prosody"));
        m.put("ejabberd", packageVersion("ejabberd"));
        m.put("date", java.time.LocalDate.now().toString());
        m.put("load average at start", loadAverage());
        return m;
    }

    /** The machine is shared: what else ran says how much the figures can be trusted. */
    private static String loadAverage() throws IOException {
        Path load = Path.of("/proc/loadavg");
        return Files.isReadable(load) ? Files.readString(load).trim() : "unknown";
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    }

    private static String packageVersion(String name) {
        try {
            Process p = new ProcessBuilder("dpkg-query", "-W", "-f=${Version}", name).redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? version : "not installed";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
