package dev.gatehouse.app.testing;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.theme.AppTheme;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/** Screenshots for the benches and shot programs: waiting for frames, and a scene written as a PNG. */
public final class FxShots {

    private FxShots() {}

    /** Waits for {@code n} pulses (at most a minute), so CSS and layout passes have run on what was just shown. */
    public static void frames(int n) throws InterruptedException {
        CountDownLatch pulses = new CountDownLatch(n);
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
                if (pulses.getCount() == 0) {
                    stop();
                }
            }
        }.start());
        pulses.await(60, TimeUnit.SECONDS);
    }

    /**
     * The console's window in each theme, after {@code settle} frames, as {@code NAME-light.png} and
     * {@code NAME-dark.png} in {@code out}.
     */
    public static void themes(AppContext context, Path out, String name, int settle) throws Exception {
        for (AppTheme theme : AppTheme.values()) {
            Platform.runLater(() -> context.theme().themeProperty().set(theme));
            frames(settle);
            write(() -> Window.getWindows().get(0).getScene(), out.resolve(file(name, theme)));
        }
    }

    /** {@code NAME-light.png} or {@code NAME-dark.png}. */
    public static String file(String name, AppTheme theme) {
        return name + "-" + theme.name().toLowerCase(Locale.ROOT) + ".png";
    }

    /** Snapshots the scene {@code scene} gives on the FX thread (where it may prepare it too) to {@code file}. */
    public static void write(java.util.function.Supplier<Scene> scene, Path file) throws Exception {
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(scene.get().snapshot(null)));
        png(image.get(30, TimeUnit.SECONDS), file);
        System.out.println("wrote " + file);
    }

    private static void png(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", file.toFile());
    }
}
