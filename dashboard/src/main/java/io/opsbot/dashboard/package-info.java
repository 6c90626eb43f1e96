/**
 * The web dashboard: the same data and roles as the chat commands, as pages (Spring MVC, Thymeleaf, htmx, Chart.js),
 * signed in with Slack or Microsoft Entra ID, each page scoped to the signed-in person's tenant.
 */
package io.opsbot.dashboard;
