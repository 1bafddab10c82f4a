package dev.gatehouse.app.page;

import dev.gatehouse.app.palette.PaletteSource;
import java.util.List;
import javafx.scene.Node;

/**
 * One page of the console as a self-contained feature: its descriptor, a factory for its view-model (testable
 * without the FX thread) and one for its view (built on the FX thread), and what it adds to the command palette.
 * Adding a page is one package with a module, and one line in the page catalogue.
 */
public interface PageModule<M extends PageViewModel> {

    PageDescriptor descriptor();

    M createModel(PageContext context);

    Node createView(M model, PageContext context);

    /** Palette entries the page contributes beyond its own name (the entities it lists); none by default. */
    default List<PaletteSource> paletteSources(M model, PageContext context) {
        return List.of();
    }
}
