/**
 * Our plotly.js bundle: the core plus only the traces the app draws (2-D WebGL scatter, 3-D
 * scatter, heatmap) instead of the 4.8 MB full bundle. Browser-only: import it dynamically.
 */
import Plotly from 'plotly.js/lib/core';
import heatmap from 'plotly.js/lib/heatmap';
import scatter3d from 'plotly.js/lib/scatter3d';
import scattergl from 'plotly.js/lib/scattergl';
import zhCN from 'plotly.js/lib/locales/zh-cn';

// The Chinese dictionary translates the toolbar's tooltips (config.locale 'zh-CN', see plotly-react.tsx).
Plotly.register([scattergl, scatter3d, heatmap, zhCN]);

export default Plotly;
