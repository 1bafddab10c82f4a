package dev.gatehouse.app.icon;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.IkonHandler;

class AppIconTest {

    @Test
    void applicationIconExistsAtEverySizeFrom16To512() throws Exception {
        assertThat(AppIcon.APP_ICON_SIZES).contains(16, 512);
        for (int size : AppIcon.APP_ICON_SIZES) {
            try (InputStream in = AppIcon.class.getResourceAsStream(AppIcon.applicationImagePath(size))) {
                assertThat(in).as("icon %d", size).isNotNull();
                BufferedImage image = ImageIO.read(in);
                assertThat(image.getWidth()).isEqualTo(size);
                assertThat(image.getHeight()).isEqualTo(size);
            }
        }
    }

    @Test
    void everyIconIsServedByARegisteredIkonliPack() {
        // Ikonli finds packs through META-INF/services; a broken packaging shows up here first.
        var handlers = ServiceLoader.load(IkonHandler.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        for (AppIcon icon : AppIcon.values()) {
            assertThat(handlers).as(icon.name()).anyMatch(handler -> handler.supports(icon.literal()));
        }
    }
}
