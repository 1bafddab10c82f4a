package dev.gatehouse.app.icon;

import java.util.List;
import java.util.Objects;
import javafx.scene.image.Image;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Every icon the console shows; call sites never name an icon pack, so the pack can change here alone. */
public enum AppIcon {
    OVERVIEW(Feather.HOME),
    SERVICE(Feather.SERVER),
    ROUTE(Feather.GIT_BRANCH),
    CONSUMER(Feather.USERS),
    PLUGIN(Feather.PACKAGE),
    UPSTREAM(Feather.GIT_MERGE),
    TARGET(Feather.TARGET),
    CERTIFICATE(Feather.FILE_TEXT),
    CA_CERTIFICATE(Feather.AWARD),
    TOPOLOGY(Feather.SHARE_2),
    POLICY(Feather.SHIELD),
    DATAPLANE(Feather.CPU),
    MESH(Feather.LAYERS),
    TRAFFIC(Feather.ACTIVITY),
    EXPORT(Feather.DOWNLOAD),
    CONNECTION(Feather.LINK),
    CLUSTER(Feather.CLOUD),
    SEARCH(Feather.SEARCH),
    THEME_LIGHT(Feather.SUN),
    THEME_DARK(Feather.MOON),
    REFRESH(Feather.REFRESH_CW),
    HEALTHY(Feather.CHECK_CIRCLE),
    UNHEALTHY(Feather.ALERT_TRIANGLE),
    PENDING(Feather.LOADER),
    ABSENT(Feather.MINUS_CIRCLE),
    ARROW_RIGHT(Feather.ARROW_RIGHT),
    ADD(Feather.PLUS),
    EDIT(Feather.EDIT_2),
    DELETE(Feather.TRASH_2),
    SAVE(Feather.SAVE),
    TEST(Feather.ZAP),
    SEND(Feather.SEND),
    COPY(Feather.COPY),
    EYE(Feather.EYE),
    LOCK(Feather.LOCK),
    UNLOCK(Feather.UNLOCK),
    KEY(Feather.KEY),
    FOLDER(Feather.FOLDER),
    TAG(Feather.TAG),
    CLOSE(Feather.X),
    GENERATE(Feather.SHUFFLE),
    // Topology page
    USER(Feather.USER),
    GLOBE(Feather.GLOBE),
    ZOOM_IN(Feather.ZOOM_IN),
    ZOOM_OUT(Feather.ZOOM_OUT),
    FIT(Feather.MAXIMIZE),
    LAYOUT(Feather.GRID),
    // Topology page, editing
    UNDO(Feather.CORNER_UP_LEFT),
    REDO(Feather.CORNER_UP_RIGHT),
    DENY(Feather.SLASH),
    // Topology page, live traffic (issue 15, H4)
    PAUSE(Feather.PAUSE),
    PLAY(Feather.PLAY);

    /** Sizes of the application icon in ui-resources, in pixels. */
    public static final List<Integer> APP_ICON_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

    private final Ikon ikon;

    AppIcon(Ikon ikon) {
        this.ikon = ikon;
    }

    /** The Ikonli literal, for CSS and for checks that the pack is registered. */
    public String literal() {
        return ikon.getDescription();
    }

    /** A new icon node; its colour comes from CSS so it follows the theme. */
    public FontIcon node() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("app-icon");
        return icon;
    }

    /** The application icon at every size, for the window and task bar. */
    public static List<Image> applicationImages() {
        return APP_ICON_SIZES.stream()
                .map(size -> new Image(Objects.requireNonNull(
                        AppIcon.class.getResourceAsStream(applicationImagePath(size)), "missing app icon " + size)))
                .toList();
    }

    /** Classpath location of the application icon of one size. */
    public static String applicationImagePath(int size) {
        return "/dev/gatehouse/ui/icons/gatehouse-" + size + ".png";
    }
}
