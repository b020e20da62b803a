package io.scimbridge.ops.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.aws.emulator.AwsEmulators;
import io.scimbridge.aws.emulator.InjectAwsEmulators;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import io.scimbridge.testing.scenario.CleanSlate;
import io.scimbridge.testing.scenario.BridgeInspector;
import io.scimbridge.testing.scenario.EmulatedIdentityCenterProfile;

/**
 * An operator in a real (headless) browser: opens the status page, signs in with an admin token,
 * reads every section, finds a dead letter with Identity Center's reason, presses Retry, fixes
 * the cause and watches the resource reach Identity Center. The screenshot is kept at
 * {@code <build dir>/status-page.png}.
 */
@QuarkusTest
@TestProfile(EmulatedIdentityCenterProfile.class)
class StatusPageBrowserTest {

    private static final List<String> SECTIONS = List.of("health", "queue", "dead-letters", "reconciliation",
            "assignments", "rules", "audit");
    /** section > h2 background in the page's style (--head: #1f4e79). */
    private static final int HEADING_RGB = 0x1f4e79;

    @InjectAwsEmulators
    AwsEmulators aws;

    @Inject
    BridgeInspector bridge;

    @Inject
    CleanSlate cleanSlate;

    @TestHTTPResource("/admin/status?refresh=0")
    URL statusPage;

    DeadLetterFixture fixture;
    ChromeDriver browser;

    @BeforeEach
    void startFromNothing() {
        browser = HeadlessChromium.start();
        fixture = new DeadLetterFixture(aws, bridge, cleanSlate);
        fixture.startFromNothing();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorSignsInSeesADeadLetterAndRetriesIt() throws IOException {
        String stuck = fixture.deadLetterFor("stuck@contoso.com");

        browser.get(statusPage.toString());
        assertTrue(browser.findElement(By.id("sign-in")).isDisplayed(), "the sign-in form");
        for (String section : SECTIONS) {
            assertTrue(browser.findElements(By.id(section)).isEmpty(), "no " + section + " before signing in");
        }
        assertFalse(browser.getPageSource().contains(stuck), "no data before signing in");

        browser.findElement(By.id("token")).sendKeys(TestTokens.admin());
        browser.findElement(By.id("sign-in-button")).click();
        loaded(browser, By.id("health")); // a click submits; the next page arrives when it arrives

        for (String section : SECTIONS) {
            WebElement element = browser.findElement(By.id(section));
            assertTrue(element.isDisplayed(), section + " is shown");
            assertFalse(element.findElement(By.tagName("h2")).getText().isBlank(), section + " has a heading");
        }
        WebElement deadLetter = deadLetterRow(browser, stuck);
        assertTrue(deadLetter.findElement(By.className("reason")).getText().contains("400"),
                "Identity Center's reason is shown: " + deadLetter.getText());
        assertEquals("1", browser.findElement(By.id("queue-dead-letters")).getText());
        assertTrue(browser.findElement(By.id("audit")).getText().contains("stuck@contoso.com"),
                "the IdP's create is in the audit section");
        assertScreenshotShowsEverySection(browser);

        deadLetterRow(browser, stuck).findElement(By.cssSelector("button.retry")).click();

        String notice = loaded(browser, By.id("notice")).getText();
        assertTrue(notice.contains("back in the queue"), notice);
        assertTrue(deadLetterRows(browser, stuck).isEmpty(), "the dead letter left the list");
        assertTrue(fixture.bridge().mark(stuck).filter(mark -> !mark.dead()).isPresent(), "re-queued");
        // Identity Center still refuses it until the cause is fixed: reconciliation re-creates the
        // manager deleted in AWS, and the report follows (a retry before the fix is not lost)
        fixture.fixCause("stuck@contoso.com");
        DeadLetterFixture.eventually().until(() -> fixture.deliveredToIdentityCenter("stuck@contoso.com"));
        DeadLetterFixture.eventually().until(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("queue-depth")).getText().equals("0")
                    && browser.findElement(By.id("dead-letters")).getText().contains("No dead letters");
        });
    }

    private static WebElement loaded(WebDriver browser, By element) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private static WebElement deadLetterRow(WebDriver browser, String resourceId) {
        List<WebElement> rows = deadLetterRows(browser, resourceId);
        assertEquals(1, rows.size(), "one row for dead letter " + resourceId);
        return rows.getFirst();
    }

    private static List<WebElement> deadLetterRows(WebDriver browser, String resourceId) {
        return browser.findElements(By.cssSelector("tr.dead-letter[data-resource-id='" + resourceId + "']"));
    }

    /**
     * The screenshot is the window's size, is not blank (anti-aliased text gives many colours), and
     * every section's rectangle (as far as it lies in the window) holds its heading bar and more
     * than a few colours.
     */
    private static void assertScreenshotShowsEverySection(ChromeDriver browser) throws IOException {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Path file = Path.of(System.getProperty("build.dir", "target"), "status-page.png");
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        // headless Chromium keeps room for browser UI it does not draw: the page sees the inner window
        List<?> inner = (List<?>) browser.executeScript("return [window.innerWidth, window.innerHeight]");
        assertEquals(HeadlessChromium.WINDOW.width, image.getWidth(), "screenshot width (" + file + ")");
        assertEquals(((Number) inner.get(0)).intValue(), image.getWidth(), "screenshot width = window (" + file + ")");
        assertEquals(((Number) inner.get(1)).intValue(), image.getHeight(), "screenshot height = window (" + file + ")");
        long colours = distinctColours(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()));
        assertTrue(colours > 50, "a rendered page, not a blank one: " + colours + " colours in " + file);
        for (String section : SECTIONS) {
            Rectangle r = browser.findElement(By.id(section)).getRect();
            // the audit list may run below the window; every section's heading must be in it
            assertTrue(r.x >= 0 && r.x + r.width <= image.getWidth() && r.y >= 0 && r.y + 40 <= image.getHeight(),
                    section + " " + r.getDimension() + " at " + r.getPoint() + " starts inside the window (" + file + ")");
            int height = Math.min(r.height, image.getHeight() - r.y);
            int[] pixels = image.getRGB(r.x, r.y, r.width, height, null, 0, r.width);
            long heading = Arrays.stream(pixels).filter(p -> (p & 0xffffff) == HEADING_RGB).count();
            long distinct = distinctColours(pixels);
            assertTrue(heading > r.width * 10L, section + ": its heading bar is drawn (" + heading + " pixels), " + file);
            assertTrue(distinct > 3, section + ": not a uniform block (" + distinct + " colours), " + file);
        }
    }

    private static long distinctColours(int[] argb) {
        return Arrays.stream(argb).map(p -> p & 0xffffff).distinct().count();
    }
}
