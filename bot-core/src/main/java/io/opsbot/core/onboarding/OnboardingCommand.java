package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.ChannelHere;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.mention.MentionTokens;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code /onboarding}: my progress, starting people on tracks, who is where, and the admins' track settings. */
@Component
public class OnboardingCommand implements Command {

    private final OnboardingService onboarding;
    private final TrackCatalog catalog;
    private final OnboardingSettings onboardingSettings;
    private final OnboardingTrackForm trackForm;
    private final TenantSettingsService settings;
    private final ProfileService profiles;
    private final Messenger messenger;

    public OnboardingCommand(OnboardingService onboarding, TrackCatalog catalog, OnboardingSettings onboardingSettings,
                             OnboardingTrackForm trackForm, TenantSettingsService settings, ProfileService profiles,
                             Messenger messenger) {
        this.messenger = messenger;
        this.onboarding = onboarding;
        this.catalog = catalog;
        this.onboardingSettings = onboardingSettings;
        this.trackForm = trackForm;
        this.settings = settings;
        this.profiles = profiles;
    }

    @Override
    public String name() {
        return "onboarding";
    }

    @Override
    public String summary() {
        return "onboarding walkthroughs: your progress, start someone, see who is where";
    }

    @Override
    public List<Usage> usages() {
        return List.of(new Usage("", "your progress on your onboarding track"),
                new Usage("start [@person] [track]", "start a track for yourself, or (admins) for someone"),
                new Usage("status [@person]", "who is on which step and what is overdue (admins, buddies)"),
                new Usage("tracks", "the tracks there are"),
                new Usage("track new | track edit <track>", "admins: write a track in a form"),
                new Usage("auto <track> | auto off", "admins: the track people start when they join"),
                new Usage("channel here | channel off", "admins: onboard whoever joins this channel"),
                new Usage("stop @person [track]", "admins: stop someone's track"));
    }

    @Override
    public Response handle(CommandRequest request) {
        Invoker invoker = request.invoker();
        String sub = request.subcommand();
        String rest = request.rest();
        switch (sub) {
            case "":
                return Response.privately(OnboardingCards.myProgress(invoker.platform(),
                        onboarding.runsOf(invoker.user()), onboarding));
            case "start":
                return start(invoker, rest);
            case "status":
                return status(invoker, rest);
            case "tracks":
                return Response.privately(tracks(invoker.tenant()));
            case "track":
                return track(invoker, rest);
            case "auto":
                return auto(invoker, rest);
            case "channel":
                return channel(invoker, rest);
            case "stop":
                return stop(invoker, rest);
            default:
                throw new UserError("I don't know \"" + sub + "\". Try " + invoker.platform().command("onboarding")
                        + " help.");
        }
    }

    private Response start(Invoker invoker, String rest) {
        MentionTokens.Parsed parsed = MentionTokens.parse(rest);
        TenantRef tenant = invoker.tenant();
        List<UserRef> people = parsed.userIds().stream().map(id -> new UserRef(tenant, id)).toList();
        if (people.isEmpty()) {
            if (!parsed.rest().isEmpty() && parsed.rest().startsWith("@")) {
                throw new UserError("I couldn't tell who " + parsed.rest().split(" ")[0] + " is. Mention them so "
                        + "the name is highlighted (pick them from the list as you type).");
            }
            people = List.of(invoker.user());
        }
        if (people.stream().anyMatch(p -> !p.equals(invoker.user()))) {
            settings.requireAdmin(invoker.user());
        }
        String key = parsed.rest().isEmpty() ? defaultTrack(tenant) : parsed.rest().toLowerCase(Locale.ROOT);
        OnboardingTrack track = catalog.require(tenant, key);
        Markup.Builder text = Markup.builder();
        for (UserRef person : people) {
            boolean self = person.equals(invoker.user());
            String name = self ? invoker.displayName() : profiles.displayName(person);
            OnboardingService.Started started = onboarding.start(person, name, track.key(),
                    self ? null : invoker.user(), self ? invoker.zone() : null);
            if (!text.isEmpty()) {
                text.newline();
            }
            OnboardingRun run = started.run();
            if (!started.created()) {
                text.text("ℹ️ ").mention(person, run.getUserName()).text(" is already on ").bold(run.getTrackTitle())
                        .text(" (" + run.completeCount() + " of " + run.size() + " done).");
            } else if (self) {
                text.text("🚀 Your onboarding ").bold(track.title())
                        .text(" has started: your first step is in our direct messages.");
            } else {
                text.text("🚀 Started ").mention(person, run.getUserName()).text(" on ").bold(track.title())
                        .text(" (" + track.steps().size() + " steps). Their first step is in their direct messages; "
                                + "I'll tell you when they finish.");
            }
        }
        return Response.privately(Message.of(text.build()));
    }

    private String defaultTrack(TenantRef tenant) {
        return onboardingSettings.autoTrack(tenant).filter(k -> catalog.find(tenant, k).isPresent())
                .orElseGet(() -> catalog.all(tenant).stream().map(OnboardingTrack::key).findFirst()
                        .orElseThrow(() -> new UserError("There is no onboarding track yet. An admin can write one "
                                + "with track new.")));
    }

    private Response status(Invoker invoker, String rest) {
        List<String> mentioned = MentionTokens.userIds(rest);
        boolean admin = settings.isAdmin(invoker.user());
        if (!mentioned.isEmpty()) {
            UserRef person = new UserRef(invoker.tenant(), mentioned.get(0));
            List<OnboardingRun> runs = onboarding.runsOf(person).stream()
                    .filter(r -> admin || person.equals(invoker.user()) || r.getNotify().contains(invoker.user()))
                    .toList();
            if (runs.isEmpty() && !onboarding.runsOf(person).isEmpty()) {
                throw new UserError("Only admins and the people told about someone's onboarding can see it.");
            }
            return Response.privately(OnboardingCards.status("Onboarding of " + profiles.displayName(person),
                    runs, onboarding));
        }
        if (admin) {
            return Response.privately(OnboardingCards.status("Onboarding now", onboarding.active(invoker.tenant()),
                    onboarding));
        }
        List<OnboardingRun> following = onboarding.following(invoker.user());
        if (!following.isEmpty()) {
            return Response.privately(OnboardingCards.status("People you're onboarding", following, onboarding));
        }
        return Response.privately(OnboardingCards.myProgress(invoker.platform(), onboarding.runsOf(invoker.user()),
                onboarding));
    }

    private Message tracks(TenantRef tenant) {
        String auto = onboardingSettings.autoTrack(tenant).orElse(null);
        Markup.Builder text = Markup.builder().bold("Onboarding tracks");
        for (OnboardingTrack track : catalog.all(tenant)) {
            text.newline().text("• ").code(track.key()).text(" ").bold(track.title())
                    .text(" · " + track.steps().size() + " steps over "
                            + DayOffset.format(track.steps().get(track.steps().size() - 1).day())
                            + (track.configured() ? " · from configuration" : " · written here"));
            if (track.key().equals(auto)) {
                text.italic(" · starts when someone joins");
            }
        }
        return Message.of(text.build());
    }

    private Response track(Invoker invoker, String rest) {
        String[] words = rest.split("\\s+");
        String action = words[0].toLowerCase(Locale.ROOT);
        settings.requireAdmin(invoker.user());
        if (action.equals("new")) {
            return Response.form(trackForm.open(invoker.tenant(), null));
        }
        if (action.equals("edit") && words.length > 1) {
            return Response.form(trackForm.open(invoker.tenant(), words[1].toLowerCase(Locale.ROOT)));
        }
        throw new UserError("Try track new, or track edit <track>.");
    }

    private Response auto(Invoker invoker, String rest) {
        String key = rest.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return Response.privately(onboardingSettings.autoTrack(invoker.tenant())
                    .map(k -> "People who join start the track " + k + ".")
                    .orElse("Nobody is started automatically when they join."));
        }
        settings.requireAdmin(invoker.user());
        if (key.equals(OnboardingSettings.OFF)) {
            onboardingSettings.setAutoTrack(invoker.tenant(), OnboardingSettings.OFF);
            return Response.privately("Done: nobody is started automatically any more.");
        }
        OnboardingTrack track = catalog.require(invoker.tenant(), key);
        onboardingSettings.setAutoTrack(invoker.tenant(), track.key());
        return Response.privately("Done: people who join start " + track.title() + " (" + track.key() + ").");
    }

    private Response channel(Invoker invoker, String rest) {
        String what = rest.strip().toLowerCase(Locale.ROOT);
        if (what.isEmpty()) {
            return Response.privately(onboardingSettings.joinChannel(invoker.tenant())
                    .map(c -> "People who join the onboarding channel are onboarded. Run channel off to stop.")
                    .orElse("No onboarding channel. Run channel here in the channel whose new members should be "
                            + "onboarded."));
        }
        if (what.equals("off")) {
            settings.requireAdmin(invoker.user());
            onboardingSettings.setJoinChannel(invoker.tenant(), null);
            return Response.privately("Done: joining a channel no longer starts onboarding.");
        }
        if (!what.equals("here")) {
            throw new UserError("Try channel here (in the channel), or channel off.");
        }
        // Nothing is stored until the bot has shown it can post here (joins are only seen where it is a member).
        Destination.Channel channel = ChannelHere.of(invoker, "the channel whose new members should be onboarded");
        settings.checkAdmin(invoker.user());
        ChannelHere.announce(messenger, channel, Message.of(Markup.builder()
                .text("👋 Whoever joins this channel will get an onboarding walkthrough (set by ")
                .text(invoker.displayName()).text(").").build()));
        settings.requireAdmin(invoker.user());
        onboardingSettings.setJoinChannel(invoker.tenant(), channel);
        return Response.privately("Done: whoever joins this channel starts "
                + onboardingSettings.autoTrack(invoker.tenant()).orElse("(no track: set one with auto <track>)")
                + ".");
    }

    private Response stop(Invoker invoker, String rest) {
        MentionTokens.Parsed parsed = MentionTokens.parse(rest);
        if (parsed.userIds().isEmpty()) {
            throw new UserError("Mention whose onboarding to stop, e.g. stop @person.");
        }
        settings.requireAdmin(invoker.user());
        UserRef person = new UserRef(invoker.tenant(), parsed.userIds().get(0));
        List<String> stopped = new ArrayList<>();
        for (OnboardingRun run : onboarding.runsOf(person)) {
            if ((parsed.rest().isEmpty() || run.getTrackKey().equalsIgnoreCase(parsed.rest()))
                    && onboarding.stop(run.getId())) {
                stopped.add(run.getTrackTitle());
            }
        }
        if (stopped.isEmpty()) {
            throw new UserError(profiles.displayName(person) + " has no running onboarding to stop.");
        }
        return Response.privately("Stopped " + String.join(", ", stopped) + " for " + profiles.displayName(person)
                + ".");
    }
}
