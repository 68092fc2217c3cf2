export default () => ({
  autogenerate: false,
});
