package dev.gatehouse.app.page;

import dev.gatehouse.app.palette.PaletteSource;
import java.util.List;
import javafx.scene.Node;

/** A page module with its view-model created: what the shell switches between. */
public record MountedPage<M extends PageViewModel>(PageModule<M> module, M model) {

    /** Creates {@code module}'s view-model. */
    public static <M extends PageViewModel> MountedPage<M> mount(PageModule<M> module, PageContext context) {
        return new MountedPage<>(module, module.createModel(context));
    }

    public PageDescriptor descriptor() {
        return module.descriptor();
    }

    /** Builds the view; call on the FX thread. */
    public Node createView(PageContext context) {
        return module.createView(model, context);
    }

    public List<PaletteSource> paletteSources(PageContext context) {
        return module.paletteSources(model, context);
    }
}
