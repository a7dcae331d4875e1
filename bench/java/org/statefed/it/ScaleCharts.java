package org.statefed.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scale curves (issue 15), drawn with XChart as PNG and SVG: one chart per figure against the number
 * of sites, a line per server and devices per site, statefed solid beside raw Smack dashed. Also reads
 * and writes the points as CSV, so runs of separate servers can be drawn together:
 * {@code java -cp ... org.statefed.it.ScaleCharts OUT_DIR scale-a.csv scale-b.csv}.
 */
final class ScaleCharts {
    private static final String HEADER = "server,sites,devices,storm_s,raw_storm_s,restart_s,raw_restart_s,"
            + "cpu_us_per_change,raw_cpu_us_per_event,server_cpu_us_per_change,raw_server_cpu_us_per_event,"
            + "heap_per_site_bytes,heap_per_entry_bytes,setup_s,published";

    private ScaleCharts() {
    }

    public static void main(String[] args) throws IOException {
        List<ScalePoint> points = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            points.addAll(readCsv(Path.of(args[i])));
        }
        draw(Path.of(args[0]), points);
    }

    /** Draws every chart into {@code dir}; returns the PNG files written. */
    static List<Path> draw(Path dir, List<ScalePoint> points) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(chart(dir, "scale-storm", "Storm: every site holds every final value", "seconds", points,
                ScalePoint::stormSeconds, ScalePoint::rawStormSeconds));
        written.add(chart(dir, "scale-cpu", "JVM CPU per applied change (raw: per event received)", "µs", points,
                ScalePoint::cpuPerChangeMicros, ScalePoint::rawCpuPerEventMicros));
        written.add(chart(dir, "scale-server-cpu", "Server CPU per applied change (raw: per event)", "µs", points,
                ScalePoint::serverCpuPerChangeMicros, ScalePoint::rawServerCpuPerEventMicros));
        written.add(chart(dir, "scale-restart", "Restarted site synced (raw: log in, fetch N−1 nodes)", "seconds",
                points, ScalePoint::restartSeconds, ScalePoint::rawRestartSeconds));
        written.add(chart(dir, "scale-heap", "statefed heap per (device, site) entry", "bytes", points,
                ScalePoint::heapPerEntryBytes, null));
        return written;
    }

    private static Path chart(Path dir, String name, String title, String unit, List<ScalePoint> points,
            ToDoubleFunction<ScalePoint> statefed, ToDoubleFunction<ScalePoint> raw) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle("sites (N)")
                .yAxisTitle(unit).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setYAxisMin(0.0);
        TreeSet<String> lines = new TreeSet<>();
        points.forEach(p -> lines.add(p.server() + "|" + p.devices()));
        for (String line : lines) {
            String server = line.substring(0, line.indexOf('|'));
            int devices = Integer.parseInt(line.substring(line.indexOf('|') + 1));
            List<ScalePoint> mine = points.stream().filter(p -> p.server().equals(server) && p.devices() == devices)
                    .sorted(java.util.Comparator.comparingInt(ScalePoint::sites)).toList();
            String label = server + ", " + devices + " devices/site";
            series(chart, "statefed " + label, mine, statefed, false);
            if (raw != null) {
                series(chart, "raw Smack " + label, mine, raw, true);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no point finished", new double[] {0}, new double[] {0});
        }
        Path png = dir.resolve(name + ".png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name).toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return png;
    }

    private static void series(XYChart chart, String label, List<ScalePoint> points, ToDoubleFunction<ScalePoint> y,
            boolean dashed) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (ScalePoint p : points) {
            double v = y.applyAsDouble(p);
            if (!Double.isNaN(v)) {
                xs.add((double) p.sites());
                ys.add(v);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(label, xs, ys);
        s.setMarker(dashed ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        if (dashed) {
            s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
        }
    }

    static void writeCsv(Path file, List<ScalePoint> points) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (ScalePoint p : points) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.4f,%.4f,%.3f,%.3f,%.3f,%.3f,%.0f,%.2f,%.3f,%d%n",
                    p.server(), p.sites(), p.devices(), p.stormSeconds(), p.rawStormSeconds(), p.restartSeconds(),
                    p.rawRestartSeconds(), p.cpuPerChangeMicros(), p.rawCpuPerEventMicros(),
                    p.serverCpuPerChangeMicros(), p.rawServerCpuPerEventMicros(), p.heapPerSiteBytes(),
                    p.heapPerEntryBytes(), p.setUpSeconds(), p.published()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, csv);
    }

    static List<ScalePoint> readCsv(Path file) throws IOException {
        List<ScalePoint> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("server,")) {
                continue;
            }
            String[] f = line.split(",");
            out.add(new ScalePoint(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), d(f[3]), d(f[4]), d(f[5]),
                    d(f[6]), d(f[7]), d(f[8]), d(f[9]), d(f[10]), d(f[11]), d(f[12]), d(f[13]), Long.parseLong(f[14])));
        }
        return out;
    }

    private static double d(String s) {
        return s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }
}
