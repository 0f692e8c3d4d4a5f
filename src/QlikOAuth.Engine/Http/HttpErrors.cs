namespace QlikOAuth.Engine.Http
{
    /// <summary>Error ids of the HTTP core for answers that never arrived or could not be read (see <see cref="LostAnswer"/>).</summary>
    public static class HttpErrors
    {
        public const string Timeout = "QlikApi.Timeout";
        public const string ConnectionFailed = "QlikApi.ConnectionFailed";
        public const string InvalidResponse = "QlikApi.InvalidResponse";
        public const string ResponseTooLarge = "QlikApi.ResponseTooLarge";
    }
}
