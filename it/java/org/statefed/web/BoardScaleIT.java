package org.statefed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.HttpConfig;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.Hint;

/**
 * The lamp board in a real headless Chromium with 10 000 devices on three sites, over bare tables: it shows them
 * from one snapshot, keeps only the rows in view in the page, and takes a storm of changes without a full
 * re-render. Prints what it measured (snapshot render, frames, DOM size, heap) for docs/http.md.
 */
class BoardScaleIT {
    private static final Logger LOG = LoggerFactory.getLogger(BoardScaleIT.class);
    private static final int DEVICES = 10_000;
    private static final int HINTS = 2_000;
    private static final int STORM = 2_000;
    /** A page load and a 10 000-device snapshot on a loaded 2-core machine; only bounds a hang. */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final EntityId OTHER = EntityId.parse("00:00:5e:00:53:0c");

    private WebServer server;
    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void tenThousandDevicesRenderFromOneSnapshotAndAStormUpdatesOnlyTheRowsInView() throws Exception {
        assumeTrue(HeadlessChromium.missing().isEmpty(), () -> HeadlessChromium.missing().get());
        TableWebNode node = new TableWebNode(Clock.systemUTC());
        node.peers.add(new PeerStatus("asterisk", "site-c@example.com", Optional.of(OTHER), "away",
                "offline, states kept until stale_timeout", true));
        DeviceState[] states = DeviceState.values();
        for (int i = 0; i < DEVICES; i++) {
            String device = String.format("PJSIP/dev-%05d", i);
            node.devices.update(device, TableWebNode.OWN, states[i % states.length], true);
            node.devices.update(device, TableWebNode.PEER, DeviceState.NOT_INUSE, true);
            if (i % 3 == 0) {
                node.devices.update(device, OTHER, DeviceState.INUSE, true);
            }
        }
        for (int i = 0; i < HINTS; i++) {
            node.hints.put(Hint.parse(String.format("%05d@default", i), String.format("PJSIP/dev-%05d", i)));
        }
        server = new WebServer(node, HttpConfig.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        server.start();
        browser = HeadlessChromium.start(1280, 900);
        WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT);

        long loadStart = System.nanoTime();
        browser.get(server.uri().resolve("/?view=devices").toString());
        wait.until(d -> Long.valueOf(1).equals(browser.executeScript("return window.statefedBoard?.stats.snapshots")));
        wait.until(d -> !d.findElements(By.cssSelector("#rows .row[data-key='PJSIP/dev-00000']")).isEmpty());
        long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
        @SuppressWarnings("unchecked")
        Map<String, Object> loaded = (Map<String, Object>) browser.executeScript("""
                return { snapshotMs: window.statefedBoard.stats.lastSnapshotMs,
                         nodes: document.getElementsByTagName('*').length,
                         rows: document.querySelectorAll('#rows .row').length,
                         heap: performance.memory ? performance.memory.usedJSHeapSize : -1,
                         count: document.getElementById('count').textContent }""");

        assertThat(loaded.get("count")).isEqualTo(DEVICES + " of " + DEVICES + " devices");
        assertThat(((Number) loaded.get("rows")).intValue()).as("only the rows in view exist").isLessThan(200);
        assertThat(((Number) loaded.get("nodes")).intValue()).as("elements in the page").isLessThan(5_000);

        browser.executeScript("window.statefedBoard.stats.maxFrameMs = 0; window.statefedBoard.stats.frames = 0;");
        long stormStart = System.nanoTime();
        for (int i = 0; i < STORM; i++) {
            node.changeDeviceState(String.format("PJSIP/dev-%05d", i), i % 2 == 0 ? DeviceState.RINGING
                    : DeviceState.BUSY);
        }
        String last = String.format("PJSIP/dev-%05d", STORM - 1);
        wait.until(d -> "BUSY".equals(browser.executeScript(
                "return window.statefedBoard.model.devices.get(arguments[0])?.entries.get(arguments[1])?.state",
                last, TableWebNode.OWN.toString())));
        long stormMillis = (System.nanoTime() - stormStart) / 1_000_000;
        assertThat(browser.findElement(By.cssSelector("#rows .row[data-key='PJSIP/dev-00000'] [data-col='"
                + TableWebNode.OWN + "']")).getAttribute("data-state")).isEqualTo("RINGING");
        @SuppressWarnings("unchecked")
        Map<String, Object> storm = (Map<String, Object>) browser.executeScript("""
                return { maxFrameMs: window.statefedBoard.stats.maxFrameMs, frames: window.statefedBoard.stats.frames,
                         events: window.statefedBoard.stats.events }""");

        browser.findElement(By.id("filter")).sendKeys("dev-09999");
        wait.until(d -> d.findElements(By.cssSelector("#rows .row")).stream().filter(r -> r.isDisplayed()).count() == 1);
        HeadlessChromium.screenshot(browser, "board-10000-devices");

        LOG.info("board with {} devices, {} hints: page and snapshot shown in {} ms (snapshot render {} ms), {} elements"
                + " in the page ({} rows), JS heap {} MB; storm of {} changes shown in {} ms over {} frames, longest"
                + " frame {} ms", DEVICES, HINTS, loadMillis, round(loaded.get("snapshotMs")), loaded.get("nodes"),
                loaded.get("rows"), ((Number) loaded.get("heap")).longValue() / 1_000_000, STORM, stormMillis,
                storm.get("frames"), round(storm.get("maxFrameMs")));
    }

    private static long round(Object millis) {
        return Math.round(((Number) millis).doubleValue());
    }
}
