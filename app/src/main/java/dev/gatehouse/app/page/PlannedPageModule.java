package dev.gatehouse.app.page;

import javafx.scene.Node;

/** The module of a page not built yet: a descriptor with its {@link PlannedPage} is all it takes. */
public abstract class PlannedPageModule implements PageModule<PlannedPageViewModel> {

    @Override
    public PlannedPageViewModel createModel(PageContext context) {
        return new PlannedPageViewModel(descriptor(), context.messages(), context.connection(), context.navigator());
    }

    @Override
    public Node createView(PlannedPageViewModel model, PageContext context) {
        return new PlannedPageView(model, context.messages());
    }
}
