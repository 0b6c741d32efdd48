//! The `html_snippet` a checkout page embeds to show the shipping selector for a session.

use domain::Session;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The fragment a checkout page embeds: a container for the shipping selector and the script
/// that loads it for this session, authenticated by the session token.
pub fn html_snippet(session: &Session) -> String {
    html_snippet_with_id(session, &session.id.to_string())
}

/// `html_snippet`, naming the session as the calling surface shows it (Delivery Checkout's
/// `VM2-...`), so the page and the API responses agree on the id.
pub fn html_snippet_with_id(session: &Session, shown_id: &str) -> String {
    let id = escape(shown_id);
    format!(
        "<div id=\"checkout-widget-{id}\" class=\"checkout-widget\" data-session-id=\"{id}\"></div>\
         <script src=\"/v1/widget/loader.js\" data-container=\"checkout-widget-{id}\" \
         data-session-id=\"{id}\" data-token=\"{token}\" async></script>",
        token = escape(&session.token),
    )
}
