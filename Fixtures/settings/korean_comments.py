# -*- coding: utf-8 -*-
# 장고 설정 파일 (Elastic Beanstalk 배포용)
import os

# 디버그 모드는 운영 환경에서 꺼야 합니다
DEBUG = False

# 로드 밸런서의 헬스 체크가 사설 IP로 들어오므로 여기에 추가해야 함
ALLOWED_HOSTS = ["한국.example.com", "localhost"]  # 도메인

사이트_이름 = "내 블로그"
SITE_TITLE = 사이트_이름 + " — 관리자"
LANGUAGE_CODE = "ko-kr"
TIME_ZONE = "Asia/Seoul"
ROOT_URLCONF = "blog.urls"
