package dev.gatehouse.app;

import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.pages.certificates.CaCertificatesPage;
import dev.gatehouse.app.pages.certificates.CertificatesPage;
import dev.gatehouse.app.pages.connections.ConnectionsPage;
import dev.gatehouse.app.pages.consumers.ConsumersPage;
import dev.gatehouse.app.pages.dataplanes.DataplanesPage;
import dev.gatehouse.app.pages.export.ExportPage;
import dev.gatehouse.app.pages.meshes.MeshesPage;
import dev.gatehouse.app.pages.overview.OverviewPage;
import dev.gatehouse.app.pages.plugins.PluginsPage;
import dev.gatehouse.app.pages.policies.PoliciesPage;
import dev.gatehouse.app.pages.routes.RoutesPage;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.pages.traffic.TrafficPage;
import dev.gatehouse.app.pages.upstreams.UpstreamsPage;
import java.util.List;

/**
 * Every page of the console, in navigation order: the one place a page is registered. An explicit list rather than
 * ServiceLoader: the pages are built and shipped together in one jar, so discovery buys nothing, while the compiler
 * checks every entry and the order lives here instead of in a number on each page.
 */
public final class PageCatalog {

    private PageCatalog() {}

    public static List<PageModule<?>> modules() {
        return List.of(
                new OverviewPage(),
                new ServicesPage(),
                new RoutesPage(),
                new ConsumersPage(),
                new PluginsPage(),
                new UpstreamsPage(),
                new CertificatesPage(),
                new CaCertificatesPage(),
                new TopologyPage(),
                new PoliciesPage(),
                new DataplanesPage(),
                new MeshesPage(),
                new TrafficPage(),
                new ExportPage(),
                new ConnectionsPage());
    }
}
