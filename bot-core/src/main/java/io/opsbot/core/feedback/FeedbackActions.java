package io.opsbot.core.feedback;

import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.home.HomeCards;
import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The buttons of feedback: on a triage card, "Me too" for anyone and, for triagers, status, "Own it" and "Merge into";
 * on a capture confirmation, "Me too" and "Vote for FB-12 instead"; "Show more" under lists and search results; and
 * "Share feedback" on a person's home, which opens the form.
 */
@Component
public class FeedbackActions implements Actions {

    static final String CHANGE_STATUS = "change a feedback item's status";
    static final String CHANGE_OWNER = "change who owns a feedback item";
    static final String MERGE = "merge feedback items";

    private final FeedbackService feedback;
    private final FeedbackForm form;
    private final TenantSettingsService settings;
    private final DashboardLinks links;

    public FeedbackActions(FeedbackService feedback, FeedbackForm form, TenantSettingsService settings,
                           DashboardLinks links) {
        this.feedback = feedback;
        this.form = form;
        this.settings = settings;
        this.links = links;
    }

    @Override
    public List<Action> actions() {
        return List.of(Action.needing(Role.TRIAGER, CHANGE_STATUS, FeedbackCards.STATUS_ACTION, this::changeStatus),
                Action.anyone(FeedbackCards.VOTE_ACTION, this::vote),
                Action.needing(Role.TRIAGER, CHANGE_OWNER, FeedbackCards.OWN_ACTION, this::own),
                Action.needing(Role.TRIAGER, MERGE, FeedbackCards.MERGE_ACTION, this::merge),
                Action.anyone(FeedbackCards.VOTE_INSTEAD_ACTION, this::voteInstead),
                Action.anyone(FeedbackCards.MORE_RESULTS_ACTION, this::moreResults),
                Action.anyone(FeedbackCards.MORE_LIST_ACTION, this::moreList),
                Action.anyone(HomeCards.NEW_FEEDBACK, (request, value) ->
                        Response.form(form.blank(request.invoker().tenant()))));
    }

    private Response changeStatus(ActionRequest request, ButtonValue value) {
        ButtonValue target = value.argument() != null ? value : fromFirstCards(value.subject());
        FeedbackStatus to = FeedbackStatus.parse(target.argument()).orElseThrow(Action::noLongerActive);
        FeedbackItem item = feedback.changeStatus(request.invoker(), target.subject(), to, false);
        return new Response.UpdateMessage(FeedbackCards.triageCard(item, links));
    }

    /** "Me too": counted once per person; the card is redrawn through the outbox, the voter answered privately. */
    private Response vote(ActionRequest request, ButtonValue value) {
        FeedbackService.VoteOutcome outcome = feedback.vote(request.invoker(), subject(value), null,
                Vote.Source.BUTTON);
        return Response.privately(voted(outcome));
    }

    static Message voted(FeedbackService.VoteOutcome outcome) {
        FeedbackItem item = outcome.item();
        int others = item.askers().size() - 1;
        Markup.Builder text = Markup.builder();
        if (outcome.counted()) {
            text.text("👍 Counted: you").text(others == 0 ? "" : others == 1 ? " and 1 other person"
                    : " and " + others + " other people").text(" asked for ");
        } else if (outcome.customerAdded()) {
            text.text("👍 Noted the customer on your vote for ");
        } else {
            text.text("You already asked for ");
        }
        return Message.of(text.bold(item.reference().toString()).text(" “")
                .text(io.opsbot.core.message.Texts.shorten(item.getSummary(), 80)).text("”.").build());
    }

    private Response own(ActionRequest request, ButtonValue value) {
        FeedbackItem item = feedback.assign(request.invoker(), subject(value), request.invoker().user());
        return Response.privately("You own " + item.reference() + " now.");
    }

    private Response merge(ActionRequest request, ButtonValue value) {
        if (value.argument() == null) {
            throw Action.noLongerActive();
        }
        FeedbackItem from = feedback.get(request.invoker().tenant(), value.subject());
        FeedbackItem into = feedback.get(request.invoker().tenant(), value.argument());
        FeedbackService.Merge merge = feedback.merge(request.invoker(), from.reference(), into.reference());
        return Response.privately(FeedbackCommand.merged(merge));
    }

    /**
     * "Vote for FB-12 instead" under a capture confirmation: the person's vote (with their customer) goes to FB-12. For
     * the item's own reporter, while nobody else has asked for the new item and nobody has triaged it, the new item is
     * merged into FB-12 too: it is theirs, and they said it repeats FB-12.
     */
    private Response voteInstead(ActionRequest request, ButtonValue value) {
        if (value.argument() == null) {
            throw Action.noLongerActive();
        }
        FeedbackItem mine = feedback.get(request.invoker().tenant(), value.subject());
        FeedbackItem other = feedback.get(request.invoker().tenant(), value.argument());
        boolean ownUntouched = mine.getReporter().equals(request.invoker().user())
                && mine.getStatus() == FeedbackStatus.NEW && mine.askers().size() == 1;
        if (ownUntouched) {
            FeedbackService.Merge merge = feedback.merge(request.invoker(), mine.reference(), other.reference());
            return Response.privately(Message.of(Markup.builder().text("👍 Done: your vote now counts for ")
                    .bold(merge.target().reference().toString()).text(" (" + FeedbackCards.votes(
                            merge.target().askers().size()) + "), and ").bold(mine.reference().toString())
                    .text(" is closed as its duplicate.").build()));
        }
        return Response.privately(voted(feedback.vote(request.invoker(), other.getId(), mine.getCustomer(),
                Vote.Source.BUTTON)));
    }

    private Response moreResults(ActionRequest request, ButtonValue value) {
        int offset = value.intArgument();
        if (offset < 0) {
            throw Action.noLongerActive();
        }
        String typed;
        try {
            typed = value.subject().equals("-") ? "" : new String(Base64.getUrlDecoder().decode(value.subject()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Action.noLongerActive();
        }
        FeedbackQuery query = FeedbackQuery.parse(typed, request.invoker().user(),
                settings.feedbackAreas(request.invoker().tenant()));
        return Response.privately(FeedbackCommand.results(feedback, request.invoker(), query, offset));
    }

    private Response moreList(ActionRequest request, ButtonValue value) {
        int offset = value.intArgument();
        if (offset < 0) {
            throw Action.noLongerActive();
        }
        return Response.privately(FeedbackCards.listPage(feedback.recentInTenant(request.invoker().tenant(), offset,
                FeedbackCards.PAGE)));
    }

    private static String subject(ButtonValue value) {
        if (value.subject().isEmpty()) {
            throw Action.noLongerActive();
        }
        return value.subject();
    }

    /** Triage cards are kept for months; the first ones carry {@code itemId:STATUS} rather than a ButtonValue. */
    private static ButtonValue fromFirstCards(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw Action.noLongerActive();
        }
        return ButtonValue.of(value.substring(0, colon), value.substring(colon + 1));
    }
}
