package dev.gatehouse.app.pages.export;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.scene.Node;

/** The Export page: the configuration as YAML that decK, Kuma and Kubernetes accept, to preview, copy and save. */
public final class ExportPage implements PageModule<ExportViewModel> {

    public static final PageId ID = new PageId("export");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.EXPORT,
            NavGroup.NONE,
            OptionalInt.empty(),
            Set.of(Capability.GATEWAY, Capability.MESH),
            Optional.empty());

    /** The exporters block on the repositories: each export or save runs on a virtual thread of its own. */
    private static final Executor BACKGROUND =
            work -> Thread.ofVirtual().name("gatehouse-export").start(work);

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ExportViewModel createModel(PageContext context) {
        return new ExportViewModel(
                context.messages(), context.connection(), context.navigator(), context.ui(), BACKGROUND);
    }

    @Override
    public Node createView(ExportViewModel model, PageContext context) {
        return new ExportView(model, context.messages());
    }
}
