package org.statefed.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.admin.AdminClient;
import org.statefed.admin.AdminSocketServer;
import org.statefed.admin.CommandRegistry;
import org.statefed.admin.CommandResult;
import org.statefed.app.NodeAdminView;
import org.statefed.app.NodeWebView;
import org.statefed.node.StatefedNode;
import org.statefed.config.HttpConfig;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateListener;
import org.statefed.state.EntityId;
import org.statefed.web.HeadlessChromium;
import org.statefed.web.WebServer;

/**
 * The lamp board in a real headless Chromium: a change typed into site A's admin socket turns site A's lamp in
 * site B's board the right colour. Measures, for each change, the time from the item reaching B's table to the
 * lamp changing in the page, and keeps a screenshot under target/screenshots.
 */
class BoardBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(BoardBrowserIT.class);
    private static final Duration START = Duration.ofSeconds(30);
    /** What FederationIT allows a change to converge in on a loaded machine. */
    private static final Duration CONVERGE = Duration.ofSeconds(20);
    /** Each lamp colour as board.css paints it. */
    private static final Map<DeviceState, String> COLOURS = Map.of(
            DeviceState.RINGING, "rgba(251, 192, 45, 1)",
            DeviceState.INUSE, "rgba(229, 57, 53, 1)",
            DeviceState.BUSY, "rgba(142, 0, 0, 1)",
            DeviceState.ONHOLD, "rgba(30, 136, 229, 1)",
            DeviceState.NOT_INUSE, "rgba(67, 160, 71, 1)",
            DeviceState.UNAVAILABLE, "rgba(97, 97, 97, 1)");
    private static final List<DeviceState> SEQUENCE = List.of(DeviceState.RINGING, DeviceState.INUSE,
            DeviceState.ONHOLD, DeviceState.BUSY, DeviceState.UNAVAILABLE, DeviceState.NOT_INUSE, DeviceState.RINGING,
            DeviceState.INUSE);

    @Test
    void aChangeAtSiteAsAdminSocketTurnsSiteAsLampOnSiteBsBoardTheRightColour(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.missing().isEmpty(), () -> HeadlessChromium.missing().get());
        Map<String, String> hints = Map.of("100@demo", "PJSIP/alice", "200@demo", "PJSIP/bob", "300@demo",
                "PJSIP/carol", "400@demo", "PJSIP/alice&PJSIP/carol", "1000@demo", "PJSIP/dave");
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, hints)) {
            cluster.startAll();
            cluster.awaitReady(START);
            StatefedNode a = cluster.node("site1");
            StatefedNode b = cluster.node("site2");
            EntityId eidA = cluster.eidOf("site1");
            Map<DeviceState, Long> arrivedAtB = new ConcurrentHashMap<>();
            b.devices().addListener(new DeviceStateListener() {
                @Override
                public void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable) {
                    if (device.equals("PJSIP/alice") && eid.equals(eidA)) {
                        arrivedAtB.put(state, System.currentTimeMillis());
                    }
                }
            });
            b.changeDeviceState("PJSIP/bob", DeviceState.INUSE);
            a.changeDeviceState("PJSIP/carol", DeviceState.BUSY);
            a.updateMailbox("1000@demo", 2, 1);
            Path socket = dir.resolve("site-a.sock");
            try (AdminSocketServer admin = AdminSocketServer.start(socket,
                    CommandRegistry.standard(new NodeAdminView(a, Clock.systemUTC())));
                    WebServer web = new WebServer(new NodeWebView(b, Clock.systemUTC()),
                            HttpConfig.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
                    Browser browser = new Browser(HeadlessChromium.start(1100, 640))) {
                web.start();
                WebDriverWait wait = new WebDriverWait(browser.driver, CONVERGE);
                browser.driver.get(web.uri().resolve("/?view=devices&filter=alice").toString());
                wait.until(d -> Long.valueOf(1).equals(browser.driver.executeScript(
                        "return window.statefedBoard?.stats.snapshots")));
                // Records, in the page, when site A's lamp of alice takes each state.
                browser.driver.executeScript("""
                        window.lampAt = {};
                        new MutationObserver(() => {
                          const cell = document.querySelector(`#rows .row[data-key="PJSIP/alice"] [data-col="${arguments[0]}"]`);
                          if (cell && cell.dataset.state && !(cell.dataset.state in window.lampAt)) {
                            window.lampAt[cell.dataset.state] = Date.now();
                          }
                        }).observe(document.getElementById('rows'), { subtree: true, attributes: true, childList: true });
                        """, eidA.toString());
                List<Long> lampAfterTable = new ArrayList<>();
                List<Long> lampAfterCommand = new ArrayList<>();
                try (AdminClient client = AdminClient.connect(socket)) {
                    for (DeviceState state : SEQUENCE) {
                        browser.driver.executeScript("window.lampAt = {};");
                        long typed = System.currentTimeMillis();
                        CommandResult result = client.execute("devstate change PJSIP/alice " + state.token());
                        assertThat(result.output()).contains("Changing PJSIP/alice to " + state.token());
                        By lamp = By.cssSelector("#rows .row[data-key='PJSIP/alice'] [data-col='" + eidA + "'] .lamp");
                        wait.until(d -> COLOURS.get(state).equals(d.findElement(lamp).getCssValue("background-color")));
                        Number shown = (Number) browser.driver.executeScript("return window.lampAt[arguments[0]]",
                                state.token());
                        assertThat(shown).as("the page saw alice's lamp turn " + state).isNotNull();
                        lampAfterTable.add(shown.longValue() - arrivedAtB.get(state));
                        lampAfterCommand.add(shown.longValue() - typed);
                        assertThat(browser.driver.findElement(By.cssSelector(
                                "#rows .row[data-key='PJSIP/alice'] [data-col='agg']")).getAttribute("data-state"))
                                .isEqualTo(state.token());
                    }
                }
                browser.driver.get(web.uri().resolve("/?view=hints").toString());
                wait.until(d -> !d.findElements(By.cssSelector("#rows .row[data-key='1000@demo'] .mwi")).isEmpty());
                Path shot = HeadlessChromium.screenshot(browser.driver, "board-site-b");
                browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 760));
                wait.until(d -> d.findElement(By.cssSelector("#rows .row[data-key='400@demo'] .label")).getText()
                        .isEmpty());
                HeadlessChromium.screenshot(browser.driver, "board-site-b-phone");
                // Every column heading shows all of its words at phone width (it once showed "Clus", "this s").
                @SuppressWarnings("unchecked")
                List<String> cut = (List<String>) browser.driver.executeScript(
                        "return [...document.querySelectorAll('#head .cell, #head .cell *')]"
                                + ".filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)"
                                + ".map(e => e.textContent)");
                assertThat(cut).as("column headings cut at 390 px").isEmpty();
                Collections.sort(lampAfterTable);
                Collections.sort(lampAfterCommand);
                LOG.info("site A's lamp on site B's board, {} changes: after the item reached B's table median {} ms,"
                        + " max {} ms; after the admin command at A median {} ms, max {} ms; screenshot {}",
                        SEQUENCE.size(), lampAfterTable.get(lampAfterTable.size() / 2),
                        lampAfterTable.get(lampAfterTable.size() - 1), lampAfterCommand.get(lampAfterCommand.size() / 2),
                        lampAfterCommand.get(lampAfterCommand.size() - 1), shot);
            }
        }
    }

    /** Quits the browser however the test ends. */
    private record Browser(ChromeDriver driver) implements AutoCloseable {
        @Override
        public void close() {
            driver.quit();
        }
    }
}
