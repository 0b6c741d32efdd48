// The selector's looks: system fonts only (nothing fetched), readable at 320 px, a visible
// focus ring, and an inert look while suspended. Every rule is scoped under .hcs so the
// merchant's page and the selector leave each other alone.

export const STYLE = `
.hcs{font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f}
.hcs *,.hcs *::before,.hcs *::after{box-sizing:border-box}
.hcs-root{position:relative;min-height:320px;padding:16px;border:1px solid #e3e3e3;border-radius:8px;background:#fff}
.hcs-search{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 12px}
.hcs-search label{font-weight:600}
.hcs-input{flex:1 1 8em;min-width:0;padding:8px 10px;border:1px solid #b8b8b8;border-radius:6px;font:inherit}
.hcs-button{padding:8px 14px;border:1px solid #1d1d1f;border-radius:6px;background:#1d1d1f;color:#fff;font:inherit;cursor:pointer}
.hcs-button:disabled{opacity:.5;cursor:default}
.hcs-choices,.hcs-addons{border:0;margin:0;padding:0;min-width:0}
.hcs-legend{padding:0;margin:0 0 8px;font-weight:600}
.hcs-category{margin:0 0 12px}
.hcs-category-name{margin:12px 0 6px;font-size:1em}
.hcs-delivery+.hcs-delivery{margin-top:16px;padding-top:16px;border-top:1px solid #e3e3e3}
.hcs-delivery-title{margin:0 0 4px;font-size:1.05em}
.hcs-items{margin:0 0 8px;padding-left:1.2em;color:#555}
.hcs-option,.hcs-addon{display:flex;gap:10px;align-items:flex-start;padding:10px;margin:0 0 6px;border:1px solid #dcdcdc;border-radius:6px;cursor:pointer}
.hcs-option.hcs-checked{border-color:#1d1d1f;box-shadow:inset 0 0 0 1px #1d1d1f}
.hcs-radio,.hcs-check{margin:3px 0 0;flex:none;width:18px;height:18px;accent-color:#1d1d1f}
.hcs-option-body{display:flex;flex-direction:column;gap:2px;min-width:0;flex:1}
.hcs-option-head{display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap}
.hcs-carrier{font-weight:600;overflow-wrap:anywhere}
.hcs-price{font-weight:600;white-space:nowrap}
.hcs-eta,.hcs-address,.hcs-distance,.hcs-items{font-size:.93em;color:#555}
.hcs-point{overflow-wrap:anywhere}
.hcs-addon{align-items:center}
.hcs-more{padding:6px 0;border:0;background:none;color:#0a64d8;font:inherit;text-decoration:underline;cursor:pointer}
.hcs-addon-name{flex:1}
.hcs-hours{margin:-2px 0 8px;padding:0 10px 0 38px;font-size:.9em;color:#555}
.hcs-hours summary{cursor:pointer}
.hcs-hours dl{display:grid;grid-template-columns:auto 1fr;gap:0 12px;margin:4px 0}
.hcs-hours dd{margin:0}
.hcs-state{padding:16px;text-align:center}
.hcs-error{color:#8a1c1c}
.hcs-notice{margin:0 0 8px;color:#8a1c1c}
.hcs-summary p{margin:2px 0}
.hcs-inert .hcs-choices,.hcs-inert .hcs-search{opacity:.45;pointer-events:none}
.hcs-overlay{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;background:rgba(255,255,255,.6);font-weight:600}
.hcs :focus-visible{outline:3px solid #0a64d8;outline-offset:2px}
.hcs-option:focus-within{outline:3px solid #0a64d8;outline-offset:2px}
.hcs-skeleton{min-height:288px}
.hcs-skeleton i{display:block;height:56px;margin:0 0 12px;border-radius:6px;background:#eee;animation:hcs-pulse 1.2s ease-in-out infinite}
@media (prefers-reduced-motion:reduce){.hcs-skeleton i{animation:none}}
`;
