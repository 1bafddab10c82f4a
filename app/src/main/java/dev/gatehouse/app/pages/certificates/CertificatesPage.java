package dev.gatehouse.app.pages.certificates;

import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.pages.entities.EntityPaletteSource;
import dev.gatehouse.app.palette.PaletteSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javafx.scene.Node;

/** The Certificates page. */
public final class CertificatesPage implements PageModule<CertificatesViewModel> {

    public static final PageId ID = new PageId("certificates");
    static final PageDescriptor DESCRIPTOR = new PageDescriptor(
            ID,
            AppIcon.CERTIFICATE,
            NavGroup.GATEWAY,
            OptionalInt.empty(),
            Set.of(Capability.GATEWAY),
            Optional.empty());

    @Override
    public PageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CertificatesViewModel createModel(PageContext context) {
        return new CertificatesViewModel(
                context.messages(), context.connection(), context.navigator(), context.dialogs(), context.ui());
    }

    @Override
    public Node createView(CertificatesViewModel model, PageContext context) {
        return new CertificatesView(model, context.messages());
    }

    /** Ctrl+K finds them by subject. */
    @Override
    public List<PaletteSource> paletteSources(CertificatesViewModel model, PageContext context) {
        return List.of(new EntityPaletteSource(
                context.messages(), ID, model, AppIcon.CERTIFICATE, "palette.kind.certificate", context.navigator()));
    }
}
