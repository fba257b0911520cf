'use client';
/** The react-plotly.js component bound to our bundle (loaded only in the browser, see plot.tsx). */
import createPlotlyComponent from 'react-plotly.js/factory';
import Plotly from './plotly-bundle';

export default createPlotlyComponent(Plotly);
