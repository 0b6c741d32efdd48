//! The `html_snippet` a checkout page embeds to show the shipping selector for a session: the
//! container with a loading skeleton in it (so nothing jumps when the script arrives), the
//! command queue of the selector's JavaScript API, and the script, loaded from the service's
//! public address and authenticated by the session token alone.

use domain::{Session, SnippetConfiguration};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `text` as a JavaScript string literal inside a `<script>` element: JSON, with `<` escaped
/// so no `</script>` can end the element, whatever the text.
fn script_string(text: &str) -> String {
    serde_json::Value::from(text)
        .to_string()
        .replace('<', "\\u003c")
}

/// The skeleton's looks: three grey bars where the categories will be, pulsing gently (not at
/// all for people who asked for less motion).
const SKELETON_STYLE: &str = ".hcs-skeleton{box-sizing:border-box;min-height:320px;padding:16px;\
border:1px solid #e3e3e3;border-radius:8px;background:#fff}.hcs-skeleton i{display:block;\
height:56px;margin:0 0 12px;border-radius:6px;background:#eee;animation:hcs-pulse 1.2s ease-in-out \
infinite}@keyframes hcs-pulse{50%{opacity:.55}}@media (prefers-reduced-motion:reduce){\
.hcs-skeleton i{animation:none}}";

/// The fragment for `session`, whose API the selector calls at `base_url` (the service's public
/// address, e.g. `https://checkout.example.com`).
pub fn html_snippet(session: &Session, base_url: &str) -> String {
    let config = session.checkout.snippet.clone().unwrap_or_default();
    let SnippetConfiguration {
        container_id,
        object_id,
    } = config;
    let base = escape(base_url.trim_end_matches('/'));
    let (container, object) = (escape(&container_id), escape(&object_id));
    format!(
        "<div id=\"{container}\" class=\"hcs\" data-session=\"{session_id}\">\
         <style>{SKELETON_STYLE}</style>\
         <div class=\"hcs-skeleton\" role=\"status\" aria-label=\"Loading delivery options\">\
         <i></i><i></i><i></i></div></div>\
         <script>(function(w,n){{if(!(n in w)){{var s=function(f){{s.q.push(f)}};s.q=[];w[n]=s}}}})\
         (window,{object_js});</script>\
         <script async src=\"{base}/v1/widget/selector.js\" data-container=\"{container}\" \
         data-object=\"{object}\" data-session=\"{session_id}\" data-token=\"{token}\" \
         data-api=\"{base}\"></script>",
        object_js = script_string(&object_id),
        session_id = session.id,
        token = escape(&session.token),
    )
}
