package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.meshpolicy.lockdown.Delays;
import dev.gatehouse.app.meshpolicy.lockdown.LockdownApplier;
import dev.gatehouse.app.meshpolicy.lockdown.Pacing;
import dev.gatehouse.app.meshpolicy.lockdown.RolloutWait;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.page.watch.WatchControlsView;
import dev.gatehouse.app.page.watch.WatchControlsViewModel;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.palette.PaletteSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.scene.Node;

/** The Topology page: the whole platform in one picture, who may call whom and through which route. */
public final class TopologyPage implements PageModule<TopologyViewModel> {

    public static final PageId ID = new PageId("topology");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.TOPOLOGY, NavGroup.MESH, OptionalInt.of(6), Set.of(Capability.MESH), Optional.empty());

    /** One thread places graphs: layouts of one page come one after the other, never on the FX thread. */
    private static final Executor LAYOUT = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("gatehouse-topology-layout").factory());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TopologyViewModel createModel(PageContext context) {
        return new TopologyViewModel(
                context.messages(),
                context.connection(),
                context.navigator(),
                context.ui(),
                LAYOUT,
                new PinnedPositions(context.settings()),
                context.dialogs(),
                Optional.of(lockdowns(context)));
    }

    /**
     * The lock-down panel's model for a connection's mesh: the traffic of the console's live feed, the rollout
     * waited for with the default pacing (inspection every half second, a minute at most).
     */
    private static LockdownSession.Factory lockdowns(PageContext context) {
        Messages messages = context.messages();
        return (mesh, history) -> new LockdownViewModel(
                mesh,
                history,
                new LockdownApplier(
                        history,
                        new RolloutWait(mesh, messages, Clock.systemUTC(), Delays.REAL, Pacing.DEFAULT),
                        messages),
                context.traffic().feed(),
                context.background(),
                context.ui(),
                System::nanoTime,
                messages);
    }

    /** "Lock down from observed traffic": opens the Topology page with its lock-down panel. */
    @Override
    public List<PaletteSource> paletteSources(TopologyViewModel model, PageContext context) {
        PaletteEntry lockdown = new PaletteEntry(
                context.messages().get("command.topology.lockdown"),
                context.messages().get("palette.kind.command"),
                AppIcon.LOCK,
                () -> {
                    context.navigator().accept(ID);
                    model.lockdown().openProperty().set(true);
                });
        return List.of(() -> model.lockdown().currentProperty().get() == null ? List.of() : List.of(lockdown));
    }

    @Override
    public Node createView(TopologyViewModel model, PageContext context) {
        TopologyView view =
                new TopologyView(model, context.messages(), context.traffic().feed());
        // one view-model per page; both pages' controls follow the one LiveTraffic, so Watch shows on both
        view.watchSlot()
                .getChildren()
                .add(new WatchControlsView(WatchControlsViewModel.of(context), context.messages()));
        return view;
    }
}
