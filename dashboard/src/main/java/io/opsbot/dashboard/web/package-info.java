/** What every page shares: who is looking and what they may do, the layout's navigation, and refusals as pages. */
package io.opsbot.dashboard.web;
