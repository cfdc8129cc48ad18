package com.devicecreds.portal.api.token;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The user's personal API tokens, from the user menu: create one (shown once, then only its first
 * characters), see when each expires and was last used, revoke one (decision 031).
 */
public class ApiTokensDialog extends Dialog {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final ApiTokenService tokens;
    private final Clock clock;
    private final Grid<ApiToken> grid = new Grid<>(ApiToken.class, false);
    private final Div issued = new Div();

    public ApiTokensDialog(ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        addClassName("api-tokens-dialog");
        setHeaderTitle("API tokens");
        setWidth("min(74rem, 96vw)");

        var name = new TextField("Name");
        name.setPlaceholder("e.g. back-office usage export");
        name.setMaxLength(100);
        var validity = new Select<Integer>();
        validity.setLabel("Valid for");
        validity.setItems(30, 90, 365);
        validity.setItemLabelGenerator(days -> days + " days");
        validity.setValue(90);
        var create = new Button("Create token", event -> create(name, validity.getValue()));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClassName("create-token");
        var form = new HorizontalLayout(name, validity, create);
        form.setAlignItems(HorizontalLayout.Alignment.BASELINE);

        issued.addClassName("issued-token");
        issued.setVisible(false);

        grid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(1);
        // Fixed widths: the values change after the first render (last use, revocation), auto widths would not.
        grid.addColumn(t -> t.prefix() + "…").setHeader("Token").setWidth("11rem").setFlexGrow(0);
        grid.addColumn(t -> DAY.format(t.createdAt())).setHeader("Created").setWidth("9rem").setFlexGrow(0);
        grid.addColumn(t -> DAY.format(t.expiresAt())).setHeader("Expires").setWidth("9rem").setFlexGrow(0);
        grid.addColumn(t -> t.lastUsedAt().map(TIME::format).orElse("never")).setHeader("Last used (UTC)")
                .setWidth("12.5rem").setFlexGrow(0);
        grid.addColumn(t -> t.status(clock.instant())).setHeader("Status").setWidth("7.5rem").setFlexGrow(0);
        grid.addComponentColumn(this::revokeButton).setWidth("8rem").setFlexGrow(0);
        grid.setAllRowsVisible(true);

        add(new Paragraph("A token calls the REST API (/api/v1) as you, with your roles and operator: send it as "
                + "'Authorization: Bearer <token>'. It is shown once; the portal keeps only its hash."), form, issued, grid);
        getFooter().add(new Button("Close", event -> close()));
        refresh();
    }

    private void create(TextField name, Integer days) {
        try {
            var token = tokens.create(name.getValue(), Duration.ofDays(Optional.ofNullable(days).orElse(90)));
            var secret = new TextField("Your new token: copy it now, it is not shown again");
            secret.setValue(token.secret());
            secret.setReadOnly(true);
            secret.setWidthFull();
            secret.addClassName("token-secret");
            issued.removeAll();
            issued.add(secret);
            issued.setVisible(true);
            name.clear();
            name.setInvalid(false);
            refresh();
        } catch (IllegalArgumentException e) {
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
        }
    }

    private Button revokeButton(ApiToken token) {
        var revoke = new Button("Revoke", event -> {
            tokens.revoke(token.id());
            refresh();
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        revoke.setEnabled(token.usableAt(Instant.now(clock)));
        return revoke;
    }

    private void refresh() {
        grid.setItems(tokens.mine());
    }
}
