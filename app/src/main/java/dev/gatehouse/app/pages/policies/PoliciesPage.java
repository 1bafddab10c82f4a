package dev.gatehouse.app.pages.policies;

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
import javafx.scene.Node;

/** The Policies page: every mesh policy the control plane serves, with templates, an editor and delete impact. */
public final class PoliciesPage implements PageModule<PoliciesViewModel> {

    public static final PageId ID = new PageId("policies");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID, AppIcon.POLICY, NavGroup.MESH, OptionalInt.of(7), Set.of(Capability.MESH), Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public PoliciesViewModel createModel(PageContext context) {
        return new PoliciesViewModel(
                context.messages(), context.connection(), context.navigator(), context.dialogs(), context.ui());
    }

    @Override
    public Node createView(PoliciesViewModel model, PageContext context) {
        return new PoliciesView(model, context.messages());
    }
}
