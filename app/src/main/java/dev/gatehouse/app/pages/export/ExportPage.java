package dev.gatehouse.app.pages.export;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.scene.Node;

/**
 * The Export page: the configuration as YAML that decK, Kuma and Kubernetes accept, to preview, copy and save; a file
 * imported, planned and applied; and drift against the last file.
 */
public final class ExportPage implements PageModule<ExportViewModel> {

    public static final PageId ID = new PageId("export");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.EXPORT,
            NavGroup.NONE,
            OptionalInt.empty(),
            Set.of(Capability.GATEWAY, Capability.MESH),
            Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ExportViewModel createModel(PageContext context) {
        // The exporters and planners block on the repositories: they run on the console's background executor.
        Executor background = context.background().asExecutor();
        return new ExportViewModel(
                context.messages(),
                context.connection(),
                context.navigator(),
                context.ui(),
                background,
                context.dialogs(),
                new LastFiles(context.settings().file().getParent()),
                Clock.systemDefaultZone());
    }

    @Override
    public Node createView(ExportViewModel model, PageContext context) {
        return new ExportView(model, context.messages());
    }
}
