package dev.gatehouse.app.pages.connections;

import atlantafx.base.controls.PasswordTextField;
import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.gatehouse.app.connection.ClusterSettings;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.HealthBadge;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardViewModel;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardWindow;
import java.nio.file.Path;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Connections page: the saved connections on the left, the selected one's editor and test on the right. */
public final class ConnectionsView extends PageView {

    public ConnectionsView(
            ConnectionsViewModel model,
            Messages messages,
            DialogService dialogs,
            java.util.function.Supplier<ClusterWizardViewModel> wizards) {
        super(model, new Content(model, messages, dialogs, wizards));
    }

    private static final class Content extends HBox {

        private final ConnectionsViewModel model;
        private final Messages messages;
        private final DialogService dialogs;
        private final VBox detail = new VBox(16);
        private Map<String, TextInputControl> inputs = Map.of();

        Content(
                ConnectionsViewModel model,
                Messages messages,
                DialogService dialogs,
                java.util.function.Supplier<ClusterWizardViewModel> wizards) {
            super(24);
            this.model = model;
            this.messages = messages;
            this.dialogs = dialogs;
            getStyleClass().add("connections");

            ListView<ConnectionProfile> list = new ListView<>(model.profiles());
            list.setId("connections-list");
            list.setCellFactory(v -> new ProfileCell());
            list.setPrefWidth(320);
            list.getSelectionModel().select(model.selectedProperty().get());
            list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
                if (now != null) {
                    model.selectedProperty().set(now);
                }
            });
            model.selectedProperty().addListener((obs, old, now) -> {
                if (now == null) {
                    list.getSelectionModel().clearSelection();
                } else {
                    list.getSelectionModel().select(now);
                }
            });
            // Badges follow the active connection itself, not the selection: a listener on the long-lived property
            // (one on a throw-away binding was collected, and the badges went stale).
            model.activeProfileProperty().addListener((obs, old, now) -> list.refresh());
            Button addKong = new Button(messages.get("connection.add.kong"), AppIcon.ADD.node());
            addKong.setId("connections-add-kong");
            addKong.setOnAction(e -> model.newRemoteKong());
            Button addKuma = new Button(messages.get("connection.add.kuma"), AppIcon.ADD.node());
            addKuma.setId("connections-add-kuma");
            addKuma.setOnAction(e -> model.newRemoteKuma());
            Button addCluster = new Button(messages.get("connection.add.cluster"), AppIcon.CLUSTER.node());
            addCluster.setId("connections-add-cluster");
            addCluster.setOnAction(e -> ClusterWizardWindow.open(getScene().getWindow(), wizards.get(), messages));
            // First run: only the sandbox. Say what this list is for and how to add to it.
            Label firstRunHeading = new Label(model.emptyHeading());
            firstRunHeading.setId("empty-state-heading");
            firstRunHeading.getStyleClass().add(Styles.TEXT_BOLD);
            Label firstRunBody = new Label(model.emptyBody());
            firstRunBody.setId("empty-state-body");
            firstRunBody.setWrapText(true);
            firstRunBody.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            VBox firstRun = new VBox(4, firstRunHeading, firstRunBody);
            firstRun.setId("empty-state");
            firstRun.visibleProperty()
                    .bind(javafx.beans.binding.Bindings.size(model.profiles()).lessThan(2));
            firstRun.managedProperty().bind(firstRun.visibleProperty());
            VBox left = new VBox(8, list, new HBox(8, addKong, addKuma), addCluster, firstRun);
            // The list keeps its width; the editor takes the rest.
            left.setMinWidth(320);
            left.setPrefWidth(320);
            left.setMaxWidth(320);
            VBox.setVgrow(list, Priority.ALWAYS);

            detail.getStyleClass().add("connection-detail");
            ScrollPane scroll = new ScrollPane(detail);
            scroll.setFitToWidth(true);
            HBox.setHgrow(scroll, Priority.ALWAYS);
            getChildren().addAll(left, scroll);

            showDetail();
            model.draftProperty().addListener((obs, old, now) -> showDetail());
            model.formErrorFieldProperty().addListener((obs, old, now) -> markError(now));
        }

        private void showDetail() {
            ProfileDraft draft = model.draftProperty().get();
            detail.getChildren().setAll(draft == null ? embeddedCard() : editor(draft));
            detail.getChildren().addAll(testResults(), actions(draft == null));
        }

        private Node embeddedCard() {
            Label title = new Label(messages.get("connection.embedded.title"), AppIcon.DATAPLANE.node());
            title.getStyleClass().add(Styles.TITLE_4);
            Label status = new Label();
            status.setId("connection-embedded-status");
            status.setWrapText(true);
            status.textProperty().bind(model.embeddedStatusBinding());
            Label about = new Label(messages.get("connection.embedded.about"));
            about.setWrapText(true);
            about.getStyleClass().add(Styles.TEXT_MUTED);
            Label data = new Label(model.dataLocations(), AppIcon.FOLDER.node());
            data.setId("connection-embedded-data");
            data.setWrapText(true);
            data.getStyleClass().add(Styles.TEXT_SMALL);
            VBox card = new VBox(10, title, status, data, about);
            card.getStyleClass().add("connection-card");
            return card;
        }

        private Label readOnly(String text) {
            Label label = new Label(text);
            label.setWrapText(true);
            return label;
        }

        private Node editor(ProfileDraft draft) {
            GridPane form = new GridPane();
            form.getStyleClass().add("form-grid");
            form.getColumnConstraints().addAll(new ColumnConstraints(180), grow());
            int row = 0;
            TextField name = text(draft.nameProperty(), "conn-name");
            row = addRow(form, row, "connection.field.name", name, null);
            Map<String, TextInputControl> fields = new java.util.HashMap<>(Map.of("name", name));
            if (draft.cluster().isPresent()) {
                ClusterSettings cluster = draft.cluster().get();
                row = section(form, row, "connection.section.cluster");
                row = addRow(
                        form,
                        row,
                        "connection.field.kubeconfig",
                        readOnly(
                                cluster.pasted()
                                        ? messages.get("connection.kubeconfig.pasted")
                                        : String.join(
                                                ", ",
                                                cluster.kubeconfigFiles().stream()
                                                        .map(Path::toString)
                                                        .toList())),
                        null);
                row = addRow(form, row, "connection.field.context", readOnly(cluster.context()), null);
                row = addRow(
                        form,
                        row,
                        "connection.field.namespaces",
                        readOnly(String.join(", ", cluster.namespaces())),
                        null);
                row = addRow(
                        form,
                        row,
                        "connection.field.mesh_namespace",
                        readOnly(cluster.meshNamespace()),
                        "connection.help.cluster");
            }
            if (draft.hasGateway()) {
                row = section(form, row, "connection.section.gateway");
                TextField url = text(draft.gatewayUrlProperty(), "conn-gateway-url");
                row = addRow(form, row, "connection.field.gateway.url", url, "connection.help.gateway.url");
                TextField proxy = text(draft.proxyUrlProperty(), "conn-proxy-url");
                row = addRow(form, row, "connection.field.proxy.url", proxy, "connection.help.proxy.url");
                PasswordTextField token = secret(draft.gatewayTokenProperty(), "conn-gateway-token");
                row = addRow(form, row, "connection.field.gateway.token", token, "connection.help.token.keep");
                TextArea headers = new TextArea();
                headers.setId("conn-headers");
                headers.setPrefRowCount(3);
                headers.setPromptText("X-Api-Gateway-Key: ...");
                headers.textProperty().bindBidirectional(draft.gatewayHeadersProperty());
                row = addRow(form, row, "connection.field.headers", headers, "connection.help.headers");
                TextField ca = text(draft.caFileProperty(), "conn-cafile");
                Button browse = new Button(messages.get("action.browse"));
                browse.setOnAction(e -> dialogs.chooseFile(messages.get("connection.field.cafile"))
                        .ifPresent(path -> draft.caFileProperty().set(path.toString())));
                HBox caRow = new HBox(8, ca, browse);
                HBox.setHgrow(ca, Priority.ALWAYS);
                row = addRow(form, row, "connection.field.cafile", caRow, "connection.help.cafile");
                ToggleSwitch skip = new ToggleSwitch();
                skip.setId("conn-skip-tls");
                skip.selectedProperty().bindBidirectional(draft.skipTlsVerifyProperty());
                Label warning = new Label(messages.get("connection.warning.skiptls"), AppIcon.UNHEALTHY.node());
                warning.getStyleClass().addAll(Styles.DANGER, "skip-tls-warning");
                warning.visibleProperty().bind(draft.skipTlsVerifyProperty());
                warning.managedProperty().bind(warning.visibleProperty());
                warning.setWrapText(true);
                row = addRow(form, row, "connection.field.skiptls", new VBox(6, skip, warning), null);
                fields.putAll(Map.of("gatewayUrl", url, "proxyUrl", proxy, "gatewayHeaders", headers, "caFile", ca));
            }
            if (draft.hasMesh()) {
                row = section(form, row, "connection.section.mesh");
                TextField url = text(draft.meshUrlProperty(), "conn-mesh-url");
                row = addRow(form, row, "connection.field.mesh.url", url, "connection.help.mesh.url");
                PasswordTextField token = secret(draft.meshTokenProperty(), "conn-mesh-token");
                row = addRow(form, row, "connection.field.mesh.token", token, "connection.help.token.keep");
                fields.put("meshUrl", url);
            }
            inputs = Map.copyOf(fields);
            Label note = new Label(model.tokenStorageNote(), AppIcon.LOCK.node());
            note.setId("conn-token-note");
            note.setWrapText(true);
            note.getStyleClass().add(Styles.TEXT_MUTED);
            Label error = new Label();
            error.setId("conn-error");
            error.getStyleClass().add(Styles.DANGER);
            error.setWrapText(true);
            error.textProperty().bind(model.formErrorProperty());
            return new VBox(12, form, note, error);
        }

        private Node testResults() {
            HealthBadge gateway = new HealthBadge(
                    model.gatewayTestHealthProperty(),
                    Bindings.createStringBinding(
                            () -> messages.get(
                                    "connection.test.gateway",
                                    model.gatewayTestTextProperty().get()),
                            model.gatewayTestTextProperty()));
            gateway.setId("conn-test-gateway");
            HealthBadge mesh = new HealthBadge(
                    model.meshTestHealthProperty(),
                    Bindings.createStringBinding(
                            () -> messages.get(
                                    "connection.test.mesh",
                                    model.meshTestTextProperty().get()),
                            model.meshTestTextProperty()));
            mesh.setId("conn-test-mesh");
            gateway.visibleProperty().bind(model.gatewayTestTextProperty().isNotEmpty());
            mesh.visibleProperty().bind(model.meshTestTextProperty().isNotEmpty());
            for (HealthBadge badge : new HealthBadge[] {gateway, mesh}) {
                badge.setWrapText(true);
                badge.managedProperty().bind(badge.visibleProperty());
            }
            return new VBox(8, gateway, mesh);
        }

        private Node actions(boolean embedded) {
            Button test = new Button(messages.get("action.test"), AppIcon.TEST.node());
            test.setId("conn-test");
            test.disableProperty().bind(model.testingProperty());
            test.setOnAction(e -> model.test());
            Button use = new Button(messages.get("action.use.connection"), AppIcon.CONNECTION.node());
            use.setId("conn-activate");
            use.getStyleClass().add(Styles.ACCENT);
            use.disableProperty()
                    .bind(model.selectedIsActiveBinding()
                            .or(model.selectedProperty().isNull()));
            use.setOnAction(e -> model.activate());
            HBox buttons = new HBox(8, test);
            if (!embedded) {
                Button save = new Button(messages.get("action.save"), AppIcon.SAVE.node());
                save.setId("conn-save");
                save.setDefaultButton(true);
                save.setOnAction(e -> model.save());
                Button delete = new Button(messages.get("action.delete"), AppIcon.DELETE.node());
                delete.setId("conn-delete");
                delete.getStyleClass().add(Styles.DANGER);
                delete.disableProperty().bind(model.selectedProperty().isNull());
                delete.setOnAction(e -> model.delete());
                buttons.getChildren().addAll(save, delete);
            }
            buttons.getChildren().add(use);
            buttons.setAlignment(Pos.CENTER_LEFT);
            return buttons;
        }

        private void markError(String field) {
            inputs.forEach((name, input) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, name.equals(field)));
            TextInputControl bad = inputs.get(field);
            if (bad != null) {
                bad.requestFocus();
            }
        }

        private int section(GridPane form, int row, String key) {
            Label heading = new Label(messages.get(key));
            heading.getStyleClass().addAll(Styles.TITLE_4, "form-section");
            form.add(heading, 0, row, 2, 1);
            return row + 1;
        }

        private int addRow(GridPane form, int row, String labelKey, Node input, String helpKey) {
            Label label = new Label(messages.get(labelKey));
            label.setLabelFor(input);
            label.getStyleClass().add("form-label");
            form.add(label, 0, row);
            if (helpKey == null) {
                form.add(input, 1, row);
            } else {
                Label help = new Label(messages.get(helpKey));
                help.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                help.setWrapText(true);
                form.add(new VBox(4, input, help), 1, row);
            }
            return row + 1;
        }

        private static TextField text(StringProperty property, String id) {
            TextField field = new TextField();
            field.setId(id);
            field.textProperty().bindBidirectional(property);
            return field;
        }

        private static PasswordTextField secret(StringProperty property, String id) {
            PasswordTextField field = new PasswordTextField();
            field.setId(id);
            field.setText(property.get());
            // passwordProperty() is read-only; the typed secret flows one way, into the draft.
            field.passwordProperty().addListener((obs, old, now) -> property.set(now));
            Label eye = new Label(null, AppIcon.EYE.node());
            eye.setCursor(javafx.scene.Cursor.HAND);
            eye.setOnMouseClicked(e -> field.setRevealPassword(!field.getRevealPassword()));
            field.setRight(eye);
            return field;
        }

        private static ColumnConstraints grow() {
            ColumnConstraints c = new ColumnConstraints();
            c.setHgrow(Priority.ALWAYS);
            c.setFillWidth(true);
            return c;
        }

        private final class ProfileCell extends ListCell<ConnectionProfile> {
            @Override
            protected void updateItem(ConnectionProfile profile, boolean empty) {
                super.updateItem(profile, empty);
                if (empty || profile == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(profile.name(), iconOf(profile.kind()).node());
                name.getStyleClass().add(Styles.TEXT_BOLD);
                Label kind = new Label(messages.get(ConnectionsViewModel.kindKey(profile.kind())));
                kind.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                VBox text = new VBox(2, name, kind);
                text.setMinWidth(0);
                HBox row = new HBox(8, text);
                // Fit the list's width (no sideways scrolling); long kinds end in an ellipsis.
                row.prefWidthProperty().bind(getListView().widthProperty().subtract(28));
                row.setMaxWidth(Region.USE_PREF_SIZE);
                HBox.setHgrow(text, Priority.ALWAYS);
                row.setAlignment(Pos.CENTER_LEFT);
                if (model.isActive(profile) || model.runsInBackground(profile)) {
                    Region spacer = new Region();
                    HBox.setHgrow(spacer, Priority.ALWAYS);
                    boolean active = model.isActive(profile);
                    Label badge = new Label(messages.get(active ? "connection.active" : "connection.running"));
                    badge.setId(active ? "connection-active-badge" : "connection-running-badge");
                    badge.setMinWidth(Region.USE_PREF_SIZE);
                    badge.getStyleClass().add(active ? "active-badge" : "running-badge");
                    row.getChildren().addAll(spacer, badge);
                }
                setText(null);
                setGraphic(row);
            }
        }

        private static AppIcon iconOf(ConnectionKind kind) {
            return switch (kind) {
                case EMBEDDED -> AppIcon.DATAPLANE;
                case REMOTE_KONG -> AppIcon.SERVICE;
                case REMOTE_KUMA -> AppIcon.TOPOLOGY;
                case KUBERNETES -> AppIcon.CLUSTER;
            };
        }
    }
}
